using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Health;

namespace CustomerSuccess.Grains.Domain.Health;

/// <summary>
/// Stores a <see cref="ScoreHistory"/> as the JSON array of score changes it always was
/// ({"at", "from", "to", "cause"}, newest first), so states written before the packed form read back.
/// </summary>
public sealed class ScoreHistoryJsonConverter : JsonConverter<ScoreHistory>
{
    public override ScoreHistory Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var history = new ScoreHistory();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return history;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array of score changes, found {reader.TokenType}.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Expected a score change, found {reader.TokenType}.");
            }

            var at = default(DateTimeOffset);
            int? from = null;
            var to = 0;
            var cause = "";
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                // Property names as the web defaults read them: case-insensitive.
                var name = reader.GetString();
                reader.Read();
                if (string.Equals(name, "at", StringComparison.OrdinalIgnoreCase))
                {
                    at = reader.GetDateTimeOffset();
                }
                else if (string.Equals(name, "from", StringComparison.OrdinalIgnoreCase))
                {
                    from = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();
                }
                else if (string.Equals(name, "to", StringComparison.OrdinalIgnoreCase))
                {
                    to = reader.GetInt32();
                }
                else if (string.Equals(name, "cause", StringComparison.OrdinalIgnoreCase))
                {
                    cause = reader.GetString() ?? "";
                }
                else
                {
                    reader.Skip();
                }
            }

            history.AppendStored(new ScoreChange(at, from, to, cause));
        }

        return history;
    }

    public override void Write(Utf8JsonWriter writer, ScoreHistory value, JsonSerializerOptions options) => value.Write(writer);
}
