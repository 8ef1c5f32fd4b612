using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerSuccess.Grains;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Silo.EventLog;

/// <summary>
/// The JSON stored in the log for each event: the integrators' wire format (type and channel by
/// their wire names), so the log reads like what was sent and outlives renamed enum members.
/// </summary>
public static class EventPayload
{
    /// <summary>
    /// The event as <see cref="Wire"/> JSON, written field by field: the log serialises every event
    /// it accepts, and a <see cref="Wire"/> record per event was a twentieth of what ingestion
    /// allocated. The bytes are those the serializer writes for <see cref="Wire"/> (a test holds them equal).
    /// </summary>
    public static byte[] Serialize(TouchpointEvent e) => JsonBytes.Write(e, Write);

    private static void Write(Utf8JsonWriter writer, TouchpointEvent e)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, e.Id);
        writer.WriteString("customerId"u8, e.CustomerId);
        writer.WriteString("type"u8, e.Type.ToName());
        writer.WriteString("occurredAt"u8, e.OccurredAt);
        writer.WriteString("channel"u8, e.Channel.ToName());
        if (e.IssueId is { } issueId)
        {
            writer.WriteString("issueId"u8, issueId);
        }

        if (e.Sentiment is { } sentiment)
        {
            writer.WriteNumber("sentiment"u8, sentiment);
        }

        if (e.Score is { } score)
        {
            writer.WriteNumber("score"u8, score);
        }

        writer.WriteBoolean("public"u8, e.Public);
        writer.WriteNumber("reach"u8, e.Reach);
        if (e.Value is { } value)
        {
            writer.WriteNumber("value"u8, value);
        }

        writer.WriteNumber("waitSeconds"u8, e.WaitSeconds);
        if (e.Attributes is { } attributes)
        {
            writer.WriteStartObject("attributes"u8);
            foreach (var (name, text) in attributes)
            {
                writer.WriteString(name, text);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>What <see cref="Serialize"/> writes, through the serializer: the reference its bytes are held to.</summary>
    internal static byte[] SerializeThroughWire(TouchpointEvent e) =>
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
