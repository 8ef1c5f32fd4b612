using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class TimelineTests
{
    private static readonly DateTimeOffset T0 = ModelFixture.T0;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_packed_timeline_keeps_the_window_a_sorted_capped_list_keeps(int seed)
    {
        // Many events, ties on the millisecond, ids of different lengths and non-ASCII ids, in random
        // order: the packed form must hold exactly the newest 50 by (time, id), in that order.
        var random = new Random(seed);
        var events = Enumerable.Range(0, 400)
            .Select(i => i % 7 == 0
                ? Inbound("c-1", $"é-{i}-{new string('x', i % 40)}", T0.AddMinutes(random.Next(300)), Channel.Chat, $"issue-{i % 5}", sentiment: 0.25)
                : Survey("c-1", $"e-{random.Next(1000)}-{i}", T0.AddMinutes(random.Next(300)), TouchpointType.SurveyNps, i % 11))
            .ToArray();
        var timeline = new Timeline();
        foreach (var e in events)
        {
            timeline.Add(e, 50);
        }

        var expected = events
            .OrderByDescending(e => e.OccurredAt.ToUnixTimeMilliseconds())
            .ThenByDescending(e => e.Id, StringComparer.Ordinal)
            .Take(50)
            .Select(TimelineItem.From)
            .ToArray();
        Assert.Equal(expected, timeline.ToArray());

        var json = GrainStateSerializer.Serialize(new CustomerState { Timeline = timeline });
        var copy = GrainStateSerializer.Deserialize<CustomerState>(json);
        Assert.Equal(expected, copy.Timeline.ToArray());
        Assert.Equal(expected.Skip(10).Take(5).Select(i => i.ToEntry()), timeline.Page(10, 5));
    }

    [Fact]
    public void A_timeline_stored_as_a_list_of_items_reads_back()
    {
        const string items = """[{"i":"e-2","y":0,"c":2,"t":1000,"x":"B-1","s":-0.5},{"i":"\u00E9-1","y":10,"c":8,"t":900,"n":7}]""";
        const string stored = $$"""{"timeline":{{items}}}""";

        var state = GrainStateSerializer.Deserialize<CustomerState>(System.Text.Encoding.UTF8.GetBytes(stored));
        Assert.Equal(items, System.Text.Encoding.UTF8.GetString(GrainStateSerializer.Serialize(state.Timeline)));

        Assert.Equal([new TimelineItem("e-2", (TouchpointType)0, (Channel)2, 1000, "B-1", -0.5), new TimelineItem("é-1", (TouchpointType)10, (Channel)8, 900, score: 7)],
            state.Timeline.ToArray());
    }
}
