using System.Buffers;
using System.Text.Json;

namespace CustomerSuccess.LoadGen;

/// <summary>
/// Writes realistic batches: a mix of usage, contacts, purchases and surveys spread over the last
/// 30 days and over many customers, with unique event ids so every event is new to the engine.
/// </summary>
public static class BatchWriter
{
    private static readonly string[] Types = ["usage", "usage", "usage", "contact.inbound", "contact.outbound", "purchase", "survey.nps"];
    private static readonly string[] Channels = ["app", "web", "email", "chat", "phone"];

    public static byte[] Write(int batch, int size, int customers, DateTimeOffset now, Random random)
    {
        var buffer = new ArrayBufferWriter<byte>(size * 200);
        using var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WriteStartArray("events");
        for (var i = 0; i < size; i++)
        {
            var type = Types[random.Next(Types.Length)];
            json.WriteStartObject();
            json.WriteString("id", $"lg-{now.ToUnixTimeSeconds()}-{batch}-{i}");
            json.WriteString("customerId", $"lg-c-{random.Next(customers)}");
            json.WriteString("type", type);
            json.WriteString("occurredAt", now.AddMinutes(-random.Next(30 * 24 * 60)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
            json.WriteString("channel", type == "survey.nps" ? "survey" : Channels[random.Next(Channels.Length)]);
            if (type == "survey.nps")
            {
                json.WriteNumber("score", random.Next(11));
            }
            else if (type.StartsWith("contact", StringComparison.Ordinal))
            {
                json.WriteNumber("sentiment", Math.Round(random.NextDouble() * 2 - 1, 2));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
