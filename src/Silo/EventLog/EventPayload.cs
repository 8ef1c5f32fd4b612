using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Silo.EventLog;

/// <summary>
/// The JSON stored in the log for each event: the integrators' wire format (type and channel by
/// their wire names), so the log reads like what was sent and outlives renamed enum members.
/// </summary>
public static class EventPayload
{
    public static byte[] Serialize(TouchpointEvent e) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new Wire(e.Id, e.CustomerId, e.Type.ToName(), e.OccurredAt, e.Channel.ToName(), e.IssueId, e.Sentiment, e.Score,
                e.Public, e.Reach, e.Value, e.WaitSeconds, e.Attributes),
            EventPayloadJsonContext.Default.Wire);

    public static TouchpointEvent Deserialize(byte[] json)
    {
        var wire = JsonSerializer.Deserialize(json, EventPayloadJsonContext.Default.Wire)
            ?? throw new InvalidDataException("An event in the log is empty.");
        if (!TouchpointNames.TryParseType(wire.Type, out var type) || !TouchpointNames.TryParseChannel(wire.Channel, out var channel))
        {
            throw new InvalidDataException($"Event {wire.Id} in the log has an unknown type '{wire.Type}' or channel '{wire.Channel}'.");
        }

        return new TouchpointEvent(wire.Id, wire.CustomerId, type.Value, wire.OccurredAt, channel.Value, wire.IssueId, wire.Sentiment,
            wire.Score, wire.Public, wire.Reach, wire.Value, wire.WaitSeconds, wire.Attributes);
    }

    internal sealed record Wire(
        string Id,
        string CustomerId,
        string Type,
        DateTimeOffset OccurredAt,
        string Channel,
        string? IssueId,
        double? Sentiment,
        double? Score,
        bool Public,
        long Reach,
        decimal? Value,
        double WaitSeconds,
        IReadOnlyDictionary<string, string>? Attributes);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventPayload.Wire))]
internal sealed partial class EventPayloadJsonContext : JsonSerializerContext;
