using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Domain.Effort;

/// <summary>
/// Stores an <see cref="IssueState"/> compactly: "i" id, "f" first, "r" resolved, "ro" reopened,
/// "n" contacts, "m" channel mask, "w" wait seconds, "li" last inbound, "lo" last outbound, and "e"
/// the earliest contacts as [id, time, channel]; times as <see cref="StoredTime"/> keeps them. An
/// issue with its contacts was ~350 bytes of a customer's state, mostly names and ISO times.
/// Reads the camel-case form issues were stored in before as well.
/// </summary>
public sealed class IssueStateJsonConverter : JsonConverter<IssueState>
{
    public override IssueState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a stored issue, found {reader.TokenType}.");
        }

        var issue = new IssueState();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "i" or "id": issue.Id = reader.GetString() ?? ""; break;
                case "f" or "firstAt": issue.FirstAt = StoredTime.Read(ref reader); break;
                case "r" or "resolvedAt": issue.ResolvedAt = StoredTime.ReadNullable(ref reader); break;
                case "ro" or "reopenedAt": issue.ReopenedAt = StoredTime.ReadNullable(ref reader); break;
                case "n" or "contacts": issue.Contacts = reader.GetInt32(); break;
                case "m" or "channelMask": issue.ChannelMask = reader.GetInt32(); break;
                case "w" or "waitSeconds": issue.WaitSeconds = reader.GetDouble(); break;
                case "li" or "lastInboundAt": issue.LastInboundAt = StoredTime.ReadNullable(ref reader); break;
                case "lo" or "lastOutboundAt": issue.LastOutboundAt = StoredTime.ReadNullable(ref reader); break;
                case "e" or "earliestContacts": ReadContacts(ref reader, issue.EarliestContacts); break;
                default: reader.Skip(); break;
            }
        }

        return issue;
    }

    public override void Write(Utf8JsonWriter writer, IssueState value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("i"u8, value.Id);
        StoredTime.Write(writer, "f"u8, value.FirstAt);
        if (value.ResolvedAt is { } resolved)
        {
            StoredTime.Write(writer, "r"u8, resolved);
        }

        if (value.ReopenedAt is { } reopened)
        {
            StoredTime.Write(writer, "ro"u8, reopened);
        }

        writer.WriteNumber("n"u8, value.Contacts);
        writer.WriteNumber("m"u8, value.ChannelMask);
        writer.WriteNumber("w"u8, value.WaitSeconds);
        if (value.LastInboundAt is { } inbound)
        {
            StoredTime.Write(writer, "li"u8, inbound);
        }

        if (value.LastOutboundAt is { } outbound)
        {
            StoredTime.Write(writer, "lo"u8, outbound);
        }

        writer.WriteStartArray("e"u8);
        foreach (var contact in value.EarliestContacts)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(contact.Id);
            StoredTime.WriteValue(writer, contact.At);
            writer.WriteNumberValue((int)contact.Channel);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // Each contact as [id, time, channel], or as the {"id", "at", "channel"} object it was stored as before.
    private static void ReadContacts(ref Utf8JsonReader reader, List<ContactRef> contacts)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an issue's contacts, found {reader.TokenType}.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            string id = "";
            DateTimeOffset at = default;
            var channel = default(Channel);
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                reader.Read();
                id = reader.GetString() ?? "";
                reader.Read();
                at = StoredTime.Read(ref reader);
                reader.Read();
                channel = (Channel)reader.GetInt32();
                reader.Read();
                if (reader.TokenType != JsonTokenType.EndArray)
                {
                    throw new JsonException("A stored contact has more than an id, a time and a channel.");
                }
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString();
                    reader.Read();
                    switch (name)
                    {
                        case "id": id = reader.GetString() ?? ""; break;
                        case "at": at = StoredTime.Read(ref reader); break;
                        case "channel": channel = (Channel)reader.GetInt32(); break;
                        default: reader.Skip(); break;
                    }
                }
            }
            else
            {
                throw new JsonException($"Expected a stored contact, found {reader.TokenType}.");
            }

            contacts.Add(new ContactRef(id, at, channel));
        }
    }
}
