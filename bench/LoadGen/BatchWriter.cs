using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace CustomerSuccess.LoadGen;

/// <summary>
/// Writes realistic batches: a mix of usage, contacts, purchases and surveys spread over the last
/// <c>spreadMinutes</c> (30 days by default) and over many customers, with unique event ids so every
/// event is new to the engine.
/// A batch may end with a probe: two inbound contacts about one new issue through two channels,
/// which makes the probe customer's unresolved-effort rule fire at once (DOMAIN.md: an open issue
/// contacted about twice, or through two channels), so the batch's 202 is followed by a new task.
/// </summary>
public static class BatchWriter
{
    /// <summary>30 days.</summary>
    public const int DefaultSpreadMinutes = 30 * 24 * 60;

    private static readonly string[] Types = ["usage", "usage", "usage", "contact.inbound", "contact.outbound", "purchase", "survey.nps"];
    private static readonly string[] Channels = ["app", "web", "email", "chat", "phone"];

    /// <param name="run">Makes event ids unique to this run, so a second run against the same engine is not taken as duplicates.</param>
    /// <param name="probeCustomer">The customer of the probe pair ending the batch, or null for none.</param>
    /// <param name="spreadMinutes">How far back the events' times reach.</param>
    public static byte[] Write(string run, int batch, int size, int customers, DateTimeOffset now, Random random, string? probeCustomer = null, int spreadMinutes = DefaultSpreadMinutes)
    {
        var buffer = new ArrayBufferWriter<byte>(size * 200);
        using var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WriteStartArray("events");
        var filler = probeCustomer is null ? size : size - 2;
        for (var i = 0; i < filler; i++)
        {
            var type = Types[random.Next(Types.Length)];
            json.WriteStartObject();
            json.WriteString("id", $"lg-{run}-{batch}-{i}");
            json.WriteString("customerId", $"lg-c-{random.Next(customers)}");
            json.WriteString("type", type);
            json.WriteString("occurredAt", Time(now.AddMinutes(-random.Next(spreadMinutes))));
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

        if (probeCustomer is not null)
        {
            // A minute ago and just now: inside every reply window, so only the effort rule is due at once.
            WriteContact(json, $"lg-{run}-{batch}-probe-1", probeCustomer, $"issue-{run}-{batch}", "email", now.AddMinutes(-1));
            WriteContact(json, $"lg-{run}-{batch}-probe-2", probeCustomer, $"issue-{run}-{batch}", "phone", now);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteContact(Utf8JsonWriter json, string id, string customerId, string issueId, string channel, DateTimeOffset at)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("customerId", customerId);
        json.WriteString("type", "contact.inbound");
        json.WriteString("occurredAt", Time(at));
        json.WriteString("channel", channel);
        json.WriteString("issueId", issueId);
        json.WriteNumber("sentiment", -0.2);
        json.WriteEndObject();
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
