using System.Text;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Domain.Engagement;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class UsageStateJsonTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Usage_is_stored_as_the_days_of_its_window_from_the_first_with_usage_to_the_newest()
    {
        var usage = new UsageState();
        Usage.Apply(usage, Day0.AddDays(-3));
        Usage.Apply(usage, Day0);
        Usage.Apply(usage, Day0);

        var first = Rhythm.EpochDay(Day0.AddDays(-3));
        Assert.Equal($$"""{"window":[{{first}},1,0,0,2],"firstDay":{{first}},"lastDay":{{first + 3}}}""", Json(usage));
    }

    [Fact]
    public void Usage_reads_back_slot_for_slot_with_a_day_older_than_the_window_still_in_the_ring()
    {
        var usage = new UsageState();
        // Day -60 keeps its slot: nothing since fell 35 days apart from it.
        foreach (var day in new[] { -60, -30, -29, -29, -2, 0, 0, 0 })
        {
            Usage.Apply(usage, Day0.AddDays(day));
        }

        var json = Json(usage);
        var copy = GrainStateSerializer.Deserialize<UsageState>(Encoding.UTF8.GetBytes(json));

        Assert.Contains($"\"older\":[{Rhythm.EpochDay(Day0.AddDays(-60))},1]", json);
        Assert.Equal(usage.Days, copy.Days);
        Assert.Equal(usage.Counts, copy.Counts);
        Assert.Equal((usage.FirstDay, usage.LastDay), (copy.FirstDay, copy.LastDay));
        Assert.Equal(json, Json(copy));
    }

    [Fact]
    public void Usage_without_any_is_stored_as_an_empty_window_and_reads_back_empty()
    {
        var json = Json(new UsageState());
        var copy = GrainStateSerializer.Deserialize<UsageState>(Encoding.UTF8.GetBytes(json));

        Assert.Equal("""{"window":[]}""", json);
        Assert.All(copy.Counts, count => Assert.Equal(0, count));
        Assert.Null(copy.LastDay);
    }

    [Fact]
    public void Usage_stored_as_the_whole_ring_before_schema_version_12_reads_back_and_is_written_compactly()
    {
        // That ring had 35 slots; the state's has more now, and the days land in their own slots.
        var days = new int[35];
        var counts = new int[35];
        days[739942 % 35] = 739942;
        counts[739942 % 35] = 18;
        days[739940 % 35] = 739940;
        counts[739940 % 35] = 2;
        var stored = $$"""{"days":[{{string.Join(",", days)}}],"counts":[{{string.Join(",", counts)}}],"firstDay":739940,"lastDay":739942}""";

        var usage = GrainStateSerializer.Deserialize<UsageState>(Encoding.UTF8.GetBytes(stored));

        Assert.Equal((18, 0, 2), (Usage.Sum(usage, 739942, 739942), Usage.Sum(usage, 739941, 739941), Usage.Sum(usage, 739940, 739940)));
        Assert.Equal(20, Usage.Sum(usage, 739900, 739950));
        Assert.Equal("""{"window":[739940,2,0,18],"firstDay":739940,"lastDay":739942}""", Json(usage));
    }

    [Fact]
    public void A_day_stored_by_the_35_day_ring_does_not_replace_a_newer_day_that_shares_its_slot_now()
    {
        // Day 739900 and day 739936 share a slot of the 36-day ring; written before, the older came last.
        var stored = """{"window":[739936,5],"older":[739900,3],"firstDay":739900,"lastDay":739936}""";

        var usage = GrainStateSerializer.Deserialize<UsageState>(Encoding.UTF8.GetBytes(stored));

        Assert.Equal(5, Usage.Sum(usage, 739936, 739936));
        Assert.Equal(5, Usage.Sum(usage, 739890, 739940));
    }

    [Fact]
    public void A_stored_usage_state_without_its_last_day_still_sums_its_days()
    {
        var usage = GrainStateSerializer.Deserialize<UsageState>(Encoding.UTF8.GetBytes("""{"window":[739940,2,0,18],"firstDay":739940}"""));

        Assert.Equal(739942, usage.LastDay);
        Assert.Equal(20, Usage.Sum(usage, 739900, 739950));
    }

    private static string Json(UsageState usage) => Encoding.UTF8.GetString(GrainStateSerializer.Serialize(usage));
}
