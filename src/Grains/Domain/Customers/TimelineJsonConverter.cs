using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// Stores a <see cref="Timeline"/> as a JSON array of items, each an array (see <see cref="Timeline"/>'s
/// writer). Items stored before schema version 12 as objects ("i", "y", "c", "t" and, when present,
/// "x", "s", "n") read back unchanged.
/// </summary>
public sealed class TimelineJsonConverter : JsonConverter<Timeline>
{
    public override Timeline Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var timeline = new Timeline();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return timeline;
        }

        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            timeline.AppendStored(reader.TokenType == JsonTokenType.StartArray ? ReadCompact(ref reader) : ReadNamed(ref reader));
        }

        return timeline;
    }

    public override void Write(Utf8JsonWriter writer, Timeline value, JsonSerializerOptions options) => value.Write(writer);

    // [id, type, channel, at] and optionally issue id, sentiment, score: the form written since schema version 12.
    private static TimelineItem ReadCompact(ref Utf8JsonReader reader)
    {
        reader.Read();
        Expect(ref reader, JsonTokenType.String);
        var id = reader.GetString()!;
        reader.Read();
        Expect(ref reader, JsonTokenType.Number);
        var type = (TouchpointType)reader.GetInt32();
        reader.Read();
        Expect(ref reader, JsonTokenType.Number);
        var channel = (Channel)reader.GetInt32();
        reader.Read();
        Expect(ref reader, JsonTokenType.Number);
        var at = reader.GetInt64();
        string? issueId = null;
        double? sentiment = null;
        double? score = null;
        for (var field = 4; reader.Read() && reader.TokenType != JsonTokenType.EndArray; field++)
        {
            var isNull = reader.TokenType == JsonTokenType.Null;
            switch (field)
            {
                case 4:
                    issueId = isNull ? null : reader.GetString();
                    break;
                case 5:
                    sentiment = isNull ? null : reader.GetDouble();
                    break;
                case 6:
                    score = isNull ? null : reader.GetDouble();
                    break;
                default:
                    throw new JsonException("A stored timeline item has more than 7 values.");
            }
        }

        Expect(ref reader, JsonTokenType.EndArray);
        return new TimelineItem(id, type, channel, at, issueId, sentiment, score);
    }

    // An object with "i", "y", "c", "t" and, when present, "x", "s", "n": the form written before.
    private static TimelineItem ReadNamed(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string id = "";
        string? issueId = null;
        var type = default(TouchpointType);
        var channel = default(Channel);
        long at = 0;
        double? sentiment = null;
        double? score = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "i":
                    id = reader.GetString() ?? "";
                    break;
                case "y":
                    type = (TouchpointType)reader.GetInt32();
                    break;
                case "c":
                    channel = (Channel)reader.GetInt32();
                    break;
                case "t":
                    at = reader.GetInt64();
                    break;
                case "x":
                    issueId = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                    break;
                case "s":
                    sentiment = reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble();
                    break;
                case "n":
                    score = reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new TimelineItem(id, type, channel, at, issueId, sentiment, score);
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {token} in a stored timeline, found {reader.TokenType}.");
        }
    }
}
