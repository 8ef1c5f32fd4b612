using System.Text.Json;
using CustomerSuccess.Api.Events;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Api.Tests;

/// <summary>The single-pass reading of an event keeps what looking each field up by name did.</summary>
public class EventBatchParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static EventBatch Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return EventBatchParser.Parse(document.RootElement, Now);
    }

    [Fact]
    public void A_field_given_twice_keeps_its_last_value()
    {
        var batch = Parse("""{"events":[{"id":"e1","customerId":"c1","type":"usage","type":"contact.inbound","occurredAt":"2026-05-01T10:00:00Z","channel":"email"}]}""");
        Assert.Empty(batch.Errors);
        Assert.Equal(TouchpointType.ContactInbound, batch.Events[0].Type);
    }

    [Fact]
    public void Escaped_names_and_times_read_as_their_plain_spelling()
    {
        var batch = Parse("""{"events":[{"\u0069d":"e1","customerId":"c1","type":"contact\u002Einbound","occurredAt":"2026-05-01T10:00:00\u005A","channel":"\u0065mail"}]}""");
        Assert.Empty(batch.Errors);
        var e = Assert.Single(batch.Events);
        Assert.Equal(("e1", TouchpointType.ContactInbound, Channel.Email), (e.Id, e.Type, e.Channel));
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero), e.OccurredAt);
    }

    [Fact]
    public void Names_are_case_sensitive_and_unknown_properties_are_ignored()
    {
        var batch = Parse("""{"events":[{"ID":"e1","id":"e1","customerId":"c1","type":"usage","occurredAt":"2026-05-01T10:00:00Z","Channel":"bogus","extra":1}]}""");
        Assert.Empty(batch.Errors);
        Assert.Equal(Channel.Other, batch.Events[0].Channel);
    }

    [Fact]
    public void Problems_are_listed_in_field_order()
    {
        var batch = Parse("""{"events":[{"waitSeconds":-1,"channel":"pigeon","type":"nope","occurredAt":"yesterday","sentiment":2}]}""");
        Assert.Equal(["id", "customerId", "type", "occurredAt", "channel", "sentiment", "waitSeconds"], batch.Errors.Select(e => e.Field));
    }
}
