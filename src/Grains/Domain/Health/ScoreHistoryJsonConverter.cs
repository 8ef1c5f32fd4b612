using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Health;

namespace CustomerSuccess.Grains.Domain.Health;

/// <summary>
/// Stores a <see cref="ScoreHistory"/> as a JSON array of score changes, newest first, each as
/// <c>[at, from, to, cause]</c> (<see cref="ScoreHistory.Write"/>). Reads that form and the one stored
/// before it, where each change was an object (<c>{"at", "from", "to", "cause"}</c>, <c>at</c> an ISO
/// string), so states written by earlier engines read back.
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
            history.AppendStored(reader.TokenType switch
            {
                JsonTokenType.StartArray => ReadCompact(ref reader),
                JsonTokenType.StartObject => ReadNamed(ref reader),
                _ => throw new JsonException($"Expected a score change, found {reader.TokenType}."),
            });
        }

        return history;
    }

    public override void Write(Utf8JsonWriter writer, ScoreHistory value, JsonSerializerOptions options) => value.Write(writer);

    // [at, from, to, cause]
    private static ScoreChange ReadCompact(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        var at = StoredTime.Read(ref reader);
        Next(ref reader);
        int? from = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();
        Next(ref reader);
        var to = reader.GetInt32();
        Next(ref reader);
        var cause = reader.GetString() ?? "";
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("A score change holds exactly four values: [at, from, to, cause].");
        }

        return new ScoreChange(at, from, to, cause);
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            throw new JsonException("A score change holds exactly four values: [at, from, to, cause].");
        }
    }

    // {"at", "from", "to", "cause"}, as stored before the compact form; property names as the web
    // defaults read them (case-insensitive).
    private static ScoreChange ReadNamed(ref Utf8JsonReader reader)
    {
        var at = default(DateTimeOffset);
        int? from = null;
        var to = 0;
        var cause = "";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
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

        return new ScoreChange(at, from, to, cause);
    }
}
