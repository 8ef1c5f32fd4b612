using System.Diagnostics;

namespace CustomerSuccess.LoadGen;

/// <summary>
/// Events per second: all bodies are written before the clock starts (so the figure measures the
/// engine, not the generator), optional warm-up batches are posted untimed, then the batches are
/// posted as fast as <c>--connections</c> concurrent senders can, each awaiting its 202.
/// </summary>
public static class ThroughputRun
{
    public static async Task<int> RunAsync(LoadGenOptions options, Uri url, string key)
    {
        var now = DateTimeOffset.UtcNow;
        var run = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var random = new Random(42);
        Console.WriteLine($"Writing {options.Warmup} warm-up and {options.Batches} timed batches of {options.BatchSize} events over {options.Customers} customers, times spread over the last {options.SpreadMinutes} minutes...");
        var warmup = Enumerable.Range(0, options.Warmup).Select(b => BatchWriter.Write(run, -1 - b, options.BatchSize, options.Customers, now, random, spreadMinutes: options.SpreadMinutes)).ToArray();
        var bodies = Enumerable.Range(0, options.Batches).Select(b => BatchWriter.Write(run, b, options.BatchSize, options.Customers, now, random, spreadMinutes: options.SpreadMinutes)).ToArray();

        using var client = new EngineClient(url, key, options.Connections);
        if (warmup.Length > 0)
        {
            await PostAllAsync(client, warmup, options.Connections);
        }

        Console.WriteLine($"load average at start: {LoadAverage.Read()}");
        var started = Stopwatch.GetTimestamp();
        var (accepted, duplicates, failed, latencies) = await PostAllAsync(client, bodies, options.Connections);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"load average at end: {LoadAverage.Read()}");

        var events = (long)(options.Batches - failed) * options.BatchSize;
        Console.WriteLine($"{options.Batches} batches x {options.BatchSize} events from {options.Connections} connections in {elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"events/s: {events / elapsed.TotalSeconds:N0}  (accepted {accepted:N0}, duplicates {duplicates:N0}, failed batches {failed})");
        Console.WriteLine($"batch latency (post to 202): {Percentiles.Describe(latencies)}");
        return failed == 0 ? 0 : 1;
    }

    private static async Task<(long Accepted, long Duplicates, long Failed, double[] Latencies)> PostAllAsync(
        EngineClient client, byte[][] bodies, int connections)
    {
        var next = -1;
        long accepted = 0, duplicates = 0, failed = 0;
        var latencies = new double[bodies.Length];
        var senders = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < bodies.Length)
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    var (a, d) = await client.PostEventsAsync(bodies[index]);
                    Interlocked.Add(ref accepted, a);
                    Interlocked.Add(ref duplicates, d);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    Console.Error.WriteLine($"batch {index}: {e.Message}");
                }

                latencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            }
        })).ToArray();
        await Task.WhenAll(senders);
        return (accepted, duplicates, failed, latencies);
    }
}
