using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Tasks;

/// <summary>A customer's live or closed tasks as a JSON array of their stored form (<see cref="StoredTaskJson"/>).</summary>
public sealed class StoredTaskListJsonConverter : JsonConverter<List<OutreachTask>>
{
    public override List<OutreachTask> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var tasks = new List<OutreachTask>();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return tasks;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a list of stored tasks, found {reader.TokenType}.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            tasks.Add(StoredTaskJson.Read(ref reader));
        }

        return tasks;
    }

    public override void Write(Utf8JsonWriter writer, List<OutreachTask> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var task in value)
        {
            StoredTaskJson.Write(writer, task);
        }

        writer.WriteEndArray();
    }
}
