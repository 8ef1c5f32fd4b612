using System.Diagnostics;
using System.Net.Http.Headers;
using CustomerSuccess.LoadGen;

var options = LoadGenOptions.Parse(args);
var now = DateTimeOffset.UtcNow;
var random = new Random(42);

// Bodies are written before the clock starts, so the figure measures the server, not the generator.
Console.WriteLine($"Writing {options.Batches} batches of {options.BatchSize} events over {options.Customers} customers...");
var bodies = Enumerable.Range(0, options.Batches).Select(b => BatchWriter.Write(b, options.BatchSize, options.Customers, now, random)).ToArray();

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections })
{
    BaseAddress = options.Url,
    Timeout = TimeSpan.FromMinutes(5),
};
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Key);

var next = -1;
long accepted = 0, duplicates = 0, failed = 0;
var latencies = new double[options.Batches];
var started = Stopwatch.GetTimestamp();
var workers = Enumerable.Range(0, options.Connections).Select(_ => Task.Run(async () =>
{
    int index;
    while ((index = Interlocked.Increment(ref next)) < bodies.Length)
    {
        var sent = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(bodies[index]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/v1/events", content);
        latencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref failed);
            Console.Error.WriteLine($"batch {index}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            continue;
        }

        var body = await response.Content.ReadAsStringAsync();
        Interlocked.Add(ref accepted, ReadCount(body, "accepted"));
        Interlocked.Add(ref duplicates, ReadCount(body, "duplicates"));
    }
})).ToArray();
await Task.WhenAll(workers);
var elapsed = Stopwatch.GetElapsedTime(started);

Array.Sort(latencies);
var events = (long)(options.Batches - failed) * options.BatchSize;
Console.WriteLine($"{options.Batches} batches x {options.BatchSize} events from {options.Connections} connections in {elapsed.TotalSeconds:0.00} s");
Console.WriteLine($"events/s: {events / elapsed.TotalSeconds:N0}  (accepted {accepted:N0}, duplicates {duplicates:N0}, failed batches {failed})");
Console.WriteLine($"batch latency ms: p50 {latencies[latencies.Length / 2]:0} p95 {latencies[(int)(latencies.Length * 0.95)]:0} max {latencies[^1]:0}");
return failed == 0 ? 0 : 1;

static long ReadCount(string json, string name) =>
    System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty(name).GetInt64();
