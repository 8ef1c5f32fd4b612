using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.EventLog;

namespace CustomerSuccess.Silo.Tests.EventLog;

public sealed class EventPayloadTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 30, 15, 123, TimeSpan.Zero);

    public static TheoryData<TouchpointEvent> Events() =>
    [
        new TouchpointEvent("e-1", "c-1", TouchpointType.Usage, At, Channel.App),
        new TouchpointEvent("e-2", "c-2", TouchpointType.ContactInbound, At.AddTicks(1_234_567), Channel.Social, IssueId: "B-1",
            Sentiment: -0.8, Public: true, Reach: 40_000_000_000, WaitSeconds: 12.345),
        new TouchpointEvent("e-3", "c-3", TouchpointType.SurveyNps, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)), Channel.Survey, Score: 10),
        new TouchpointEvent("e-4 \"quoted\" <b>&</b>", "Ünïcødé-客户", TouchpointType.Purchase, At, Channel.Store, Value: 1234.5600m, Sentiment: 1e-7,
            Attributes: new Dictionary<string, string> { ["renewalDate"] = "2027-01-01", ["note"] = "line\nbreak \u2028 é", ["Upper"] = "" }),
        new TouchpointEvent("e-5", "c-5", TouchpointType.ContactOutbound, At, Channel.Phone, IssueId: "", Score: 0, Value: 0m, Attributes: new Dictionary<string, string>()),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void The_payload_written_field_by_field_is_byte_for_byte_what_the_serializer_writes(TouchpointEvent e)
    {
        Assert.Equal(EventPayload.SerializeThroughWire(e), EventPayload.Serialize(e));
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void A_payload_reads_back_as_the_event_it_was_written_from(TouchpointEvent e)
    {
        var read = EventPayload.Deserialize(EventPayload.Serialize(e));

        Assert.Equal(e with { Attributes = null }, read with { Attributes = null });
        Assert.Equal(e.Attributes?.OrderBy(a => a.Key), read.Attributes?.OrderBy(a => a.Key));
    }
}
