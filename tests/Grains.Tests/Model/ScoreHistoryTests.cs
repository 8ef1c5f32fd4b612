using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Interfaces.Health;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class ScoreHistoryTests
{
    [Fact]
    public void A_history_stored_as_named_changes_reads_back_and_is_written_compactly()
    {
        const string stored = """{"score":61,"band":1,"at":"2026-11-22T15:27:16.9576417+00:00","history":[{"at":"2026-11-22T15:27:16.9576417+00:00","from":60,"to":61,"cause":"event \u00E9vt-7 (contact.outbound via app)"},{"at":"2026-11-20T10:00:00+02:00","from":null,"to":60,"cause":"profile updated"}]}""";

        var state = GrainStateSerializer.Deserialize<HealthState>(System.Text.Encoding.UTF8.GetBytes(stored));

        Assert.Equal(
            [
                new ScoreChange(DateTimeOffset.Parse("2026-11-22T15:27:16.9576417+00:00"), 60, 61, "event évt-7 (contact.outbound via app)"),
                new ScoreChange(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(2)), null, 60, "profile updated"),
            ],
            state.History);
        Assert.Equal(TimeSpan.FromHours(2), state.History[1].At.Offset);
        var ticks = DateTimeOffset.Parse("2026-11-22T15:27:16.9576417+00:00").UtcTicks;
        Assert.Equal(
            $$"""{"score":61,"band":1,"at":"2026-11-22T15:27:16.9576417+00:00","history":[[{{ticks}},60,61,"event \u00E9vt-7 (contact.outbound via app)"],["2026-11-20T10:00:00+02:00",null,60,"profile updated"]]}""",
            System.Text.Encoding.UTF8.GetString(GrainStateSerializer.Serialize(state)));
    }

    [Fact]
    public void A_compact_history_reads_back_as_written_with_its_offsets_and_first_score()
    {
        var state = new HealthState();
        state.History.AddNewest(new ScoreChange(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(2)), null, 60, "profile updated"), StateLimits.Default.ScoreHistory);
        state.History.AddNewest(new ScoreChange(new DateTimeOffset(2026, 11, 21, 8, 0, 0, new TimeSpan(-3, -30, 0)), 60, -5, ""), StateLimits.Default.ScoreHistory);
        state.History.AddNewest(new ScoreChange(new DateTimeOffset(2026, 11, 21, 9, 0, 0, new TimeSpan(5, 45, 0)).AddTicks(1), -5, 100, "profile updated"), StateLimits.Default.ScoreHistory);
        state.History.AddNewest(new ScoreChange(new DateTimeOffset(2026, 11, 22, 15, 27, 16, TimeSpan.Zero).AddTicks(9576417), 100, 61, "event \"é\" [1]"), StateLimits.Default.ScoreHistory);

        var json = GrainStateSerializer.Serialize(state);
        var read = GrainStateSerializer.Deserialize<HealthState>(json);

        Assert.Equal(state.History, read.History);
        // ScoreChange equality compares instants; the offsets are checked one by one.
        Assert.Equal(
            [TimeSpan.Zero, new TimeSpan(5, 45, 0), new TimeSpan(-3, -30, 0), TimeSpan.FromHours(2)],
            read.History.Select(change => change.At.Offset));
        Assert.Equal(json, GrainStateSerializer.Serialize(read));
    }

    [Theory]
    [InlineData("""{"history":[[639310036311855337,60,61]]}""")]
    [InlineData("""{"history":[[639310036311855337,60,61,"cause","more"]]}""")]
    [InlineData("""{"history":[61]}""")]
    [InlineData("""{"history":[[639310036311855337,60,61,"cause",[639310036311855338,61,62,"next"]]]}""")]
    [InlineData("""{"history":[[639310036311855337,"60",61,"cause"]]}""")]
    [InlineData("""{"history":[[639310036311855337,60,61,7]]}""")]
    public void A_score_change_that_is_not_four_values_or_an_object_is_refused(string stored)
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => GrainStateSerializer.Deserialize<HealthState>(System.Text.Encoding.UTF8.GetBytes(stored)));
    }

    [Fact]
    public void The_packed_history_keeps_the_newest_changes_up_to_its_cap()
    {
        var history = new ScoreHistory();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var expected = new List<ScoreChange>();
        for (var i = 0; i < 300; i++)
        {
            var change = new ScoreChange(t0.AddMinutes(i), i == 0 ? null : i - 1, i, $"event e-{i} {new string('x', i % 50)}");
            history.AddNewest(change, StateLimits.Default.ScoreHistory);
            expected.Insert(0, change);
        }

        Assert.Equal(expected.Take(StateLimits.Default.ScoreHistory), history);
        Assert.Equal(expected[3].At, history.AtOf(3));
        Assert.Equal(expected[3].From, history.FromOf(3));
    }

    [Fact]
    public void A_full_history_takes_new_changes_without_allocating_once_it_has_settled()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var changes = Enumerable.Range(0, 1_000)
            .Select(i => new ScoreChange(t0.AddMinutes(i), 60 + i % 7, 60 + (i + 1) % 7, $"event evt-{i:D6} (usage via app)"))
            .ToArray();
        var history = new ScoreHistory();
        for (var i = 0; i < 500; i++)
        {
            history.AddNewest(changes[i], StateLimits.Default.ScoreHistory);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 500; i < changes.Length; i++)
        {
            history.AddNewest(changes[i], StateLimits.Default.ScoreHistory);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(changes[^StateLimits.Default.ScoreHistory..].Reverse(), history);
    }
}
