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
    public void A_full_timeline_takes_new_events_without_allocating_once_it_has_settled()
    {
        // A resident customer's timeline is full: each event drops the oldest item. Its bytes are
        // then moved within the same array, so the events leave nothing new for the collector.
        var events = Enumerable.Range(0, 2_000)
            .Select(i => i % 3 == 0
                ? Inbound("c-1", $"evt-{i:D6}", T0.AddMinutes(i), Channel.Email, $"T-{i % 9}", sentiment: -0.5)
                : Survey("c-1", $"evt-{i:D6}", T0.AddMinutes(i), TouchpointType.SurveyCsat, 4))
            .ToArray();
        var timeline = new Timeline();
        for (var i = 0; i < 1_000; i++)
        {
            timeline.Add(events[i], 50);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1_000; i < events.Length; i++)
        {
            timeline.Add(events[i], 50);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(events[^50..].Reverse().Select(TimelineItem.From), timeline.ToArray());
    }

    [Fact]
    public void A_timeline_whose_long_ids_have_left_it_reads_back_exactly_and_gives_back_their_room()
    {
        // Fifty events with 200-character ids, then a thousand with short ones: the items stay exact,
        // and the array gives back the long ids' room.
        var timeline = new Timeline();
        var events = Enumerable.Range(0, 1_050)
            .Select(i => Usage("c-1", i < 50 ? $"long-{i:D4}-{new string('x', 200)}" : $"e-{i:D4}", T0.AddMinutes(i)))
            .ToArray();
        for (var i = 0; i < 50; i++)
        {
            timeline.Add(events[i], 50);
        }

        var longIds = timeline.TextCapacity;
        for (var i = 50; i < events.Length; i++)
        {
            timeline.Add(events[i], 50);
        }

        Assert.Equal(events[^50..].Reverse().Select(TimelineItem.From), timeline.ToArray());
        var copy = GrainStateSerializer.Deserialize<CustomerState>(GrainStateSerializer.Serialize(new CustomerState { Timeline = timeline }));
        Assert.Equal(timeline.ToArray(), copy.Timeline.ToArray());
        Assert.True(longIds > 10_000, $"fifty long ids took only {longIds} bytes");
        Assert.True(timeline.TextCapacity < 2_000, $"the timeline still holds {timeline.TextCapacity} bytes for 50 short ids");
    }

    [Fact]
    public void A_timeline_stored_as_objects_before_schema_version_12_reads_back_and_is_written_compactly()
    {
        const string items = """[{"i":"e-2","y":0,"c":2,"t":1000,"x":"B-1","s":-0.5},{"i":"\u00E9-1","y":10,"c":8,"t":900,"n":7}]""";
        const string stored = $$"""{"timeline":{{items}}}""";

        var state = GrainStateSerializer.Deserialize<CustomerState>(System.Text.Encoding.UTF8.GetBytes(stored));

        Assert.Equal([new TimelineItem("e-2", (TouchpointType)0, (Channel)2, 1000, "B-1", -0.5), new TimelineItem("é-1", (TouchpointType)10, (Channel)8, 900, score: 7)],
            state.Timeline.ToArray());
        Assert.Equal("""[["e-2",0,2,1000,"B-1",-0.5],["\u00E9-1",10,8,900,null,null,7]]""",
            System.Text.Encoding.UTF8.GetString(GrainStateSerializer.Serialize(state.Timeline)));
    }

    [Fact]
    public void Each_timeline_item_is_stored_as_an_array_without_trailing_nulls_and_reads_back_exactly()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_000);
        TouchpointEvent[] events =
        [
            new("e-5", "c-1", (TouchpointType)3, at.AddSeconds(4), (Channel)1),
            new("e-4", "c-1", (TouchpointType)0, at.AddSeconds(3), (Channel)2, "B-1"),
            new("e-3", "c-1", (TouchpointType)0, at.AddSeconds(2), (Channel)2, Sentiment: -0.25),
            new("e-2", "c-1", (TouchpointType)10, at.AddSeconds(1), (Channel)8, Score: 9),
            new("e-1", "c-1", (TouchpointType)0, at, (Channel)5, "B-2", 0.5, 3),
        ];
        var timeline = new Timeline();
        foreach (var e in events)
        {
            timeline.Add(e, 50);
        }

        var items = events.Select(TimelineItem.From).ToArray();
        var json = System.Text.Encoding.UTF8.GetString(GrainStateSerializer.Serialize(timeline));

        Assert.Equal("""[["e-5",3,1,5000],["e-4",0,2,4000,"B-1"],["e-3",0,2,3000,null,-0.25],["e-2",10,8,2000,null,null,9],["e-1",0,5,1000,"B-2",0.5,3]]""", json);
        Assert.Equal(items, GrainStateSerializer.Deserialize<Timeline>(System.Text.Encoding.UTF8.GetBytes(json)).ToArray());
    }

    [Theory]
    [InlineData("""[[]]""")]
    [InlineData("""[["e-1",1]]""")]
    [InlineData("""[[1,1,1,1000]]""")]
    [InlineData("""[["e-1",1,1,1000,"B-1",0.5,3,4]]""")]
    public void A_malformed_stored_timeline_item_is_refused_as_invalid_json(string stored)
    {
        Assert.Throws<System.Text.Json.JsonException>(() => GrainStateSerializer.Deserialize<Timeline>(System.Text.Encoding.UTF8.GetBytes(stored)));
    }
}
