using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// Stores a <see cref="Timeline"/> as the JSON array of items it always was ("i", "y", "c", "t" and,
/// when present, "x", "s", "n"), so states written before the compact form read back unchanged.
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

            timeline.AppendStored(new TimelineItem(id, type, channel, at, issueId, sentiment, score));
        }

        return timeline;
    }

    public override void Write(Utf8JsonWriter writer, Timeline value, JsonSerializerOptions options) => value.Write(writer);

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {token} in a stored timeline, found {reader.TokenType}.");
        }
    }
}
