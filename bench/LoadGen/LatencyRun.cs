using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CustomerSuccess.LoadGen;

/// <summary>
/// Latency from an accepted batch to its task being visible to a CSM. Batches of <c>--batch-size</c>
/// are sent open loop at <c>--rate</c> events/s (each when it is due, whatever is still in flight), so
/// a slow answer cannot lower the offered load. Every <c>--probe-every</c>th batch ends with a probe
/// pair for a customer whose profile (and owner) was set beforehand; after that batch's 202 the
/// owner's task list is read in a tight loop (no sleeping) until the probe customer's
/// unresolved-effort task is in it. The figure is the time from the 202 arriving to the answer that
/// shows the task arriving, so it includes at least one GET round trip. For comparison, each probe
/// is followed by one GET /healthz, a round trip that touches no grain: when both have the same tail,
/// the tail is the engine stalling (a collection, no free core), not the task path. The first
/// <c>--warmup-seconds</c> are sent the same way but not counted (first activations, JIT).
/// </summary>
public static class LatencyRun
{
    /// <summary>Probe customers share owners, as CSMs share a portfolio; the list stays one page (limit 500).</summary>
    private const int Owners = 50;

    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(LoadGenOptions options, Uri url, string key)
    {
        var now = DateTimeOffset.UtcNow;
        var run = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var interval = TimeSpan.FromSeconds((double)options.BatchSize / options.Rate);
        var warmupBatches = (int)(options.WarmupSeconds / interval.TotalSeconds);
        var batches = warmupBatches + (int)(options.Duration.TotalSeconds / interval.TotalSeconds);
        string? ProbeOf(int batch) => batch % options.ProbeEvery == 0 ? $"lg-probe-{run}-{batch}" : null;
        string OwnerOf(int batch) => $"lg-csm-{run}-{batch / options.ProbeEvery % Owners}";

        Console.WriteLine($"Writing {batches} batches of {options.BatchSize} events ({warmupBatches} of them warm-up), a probe in every {options.ProbeEvery}th...");
        var random = new Random(42);
        var bodies = Enumerable.Range(0, batches)
            .Select(b => BatchWriter.Write(run, b, options.BatchSize, options.Customers, now, random, ProbeOf(b), options.SpreadMinutes))
            .ToArray();

        using var posts = new EngineClient(url, key, options.Connections);
        // Reads go over their own connections, so a poll never queues behind a batch being posted.
        using var reads = new EngineClient(url, key, options.Connections);
        var probes = Enumerable.Range(0, batches).Where(b => ProbeOf(b) is not null).ToArray();
        Console.WriteLine($"Setting {probes.Length} probe profiles over {Owners} owners...");
        await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = options.Connections },
            async (b, _) => await posts.PutProfileAsync(ProbeOf(b)!, OwnerOf(b)));

        var postLatencies = new ConcurrentBag<double>();
        var visibleLatencies = new ConcurrentBag<double>();
        var pingLatencies = new ConcurrentBag<double>();
        long polls = 0, failed = 0, invisible = 0;
        var inFlight = new List<Task>(batches);
        var lateBy = TimeSpan.Zero;

        async Task SendAsync(int batch)
        {
            var counted = batch >= warmupBatches;
            var sent = Stopwatch.GetTimestamp();
            try
            {
                await posts.PostEventsAsync(bodies[batch]);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref failed);
                Console.Error.WriteLine($"batch {batch}: {e.Message}");
                return;
            }

            var accepted = Stopwatch.GetTimestamp();
            if (counted)
            {
                postLatencies.Add(Stopwatch.GetElapsedTime(sent, accepted).TotalMilliseconds);
            }

            if (ProbeOf(batch) is not { } customer)
            {
                return;
            }

            while (true)
            {
                Interlocked.Increment(ref polls);
                if (await reads.HasEffortTaskAsync(OwnerOf(batch), customer))
                {
                    if (counted)
                    {
                        visibleLatencies.Add(Stopwatch.GetElapsedTime(accepted).TotalMilliseconds);
                        var pinged = Stopwatch.GetTimestamp();
                        await reads.PingAsync();
                        pingLatencies.Add(Stopwatch.GetElapsedTime(pinged).TotalMilliseconds);
                    }

                    return;
                }

                if (Stopwatch.GetElapsedTime(accepted) > VisibilityTimeout)
                {
                    Interlocked.Increment(ref invisible);
                    Console.Error.WriteLine($"batch {batch}: the task for {customer} was not visible within {VisibilityTimeout.TotalSeconds} s");
                    return;
                }
            }
        }

        Console.WriteLine($"Sending {options.Rate:N0} events/s as {1 / interval.TotalSeconds:0.#} batches/s of {options.BatchSize} for {options.WarmupSeconds} s warm-up + {options.Duration.TotalSeconds} s...");
        Console.WriteLine($"load average at start: {LoadAverage.Read()}");
        var started = Stopwatch.GetTimestamp();
        for (var b = 0; b < batches; b++)
        {
            var due = interval * b;
            while (Stopwatch.GetElapsedTime(started) is var elapsed && elapsed < due)
            {
                // Sleep most of the gap, then yield: Task.Delay alone would drift by a timer tick per batch.
                var gap = due - elapsed;
                if (gap > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(gap - TimeSpan.FromMilliseconds(1));
                }
                else
                {
                    Thread.Yield();
                }
            }

            var late = Stopwatch.GetElapsedTime(started) - due;
            if (late > lateBy)
            {
                lateBy = late;
            }

            var batch = b;
            inFlight.Add(Task.Run(() => SendAsync(batch)));
        }

        var sending = Stopwatch.GetElapsedTime(started);
        await Task.WhenAll(inFlight);
        Console.WriteLine($"load average at end: {LoadAverage.Read()}");

        var sentEvents = (long)batches * options.BatchSize;
        Console.WriteLine($"sent {batches} batches ({sentEvents:N0} events) in {sending.TotalSeconds:0.00} s: {sentEvents / sending.TotalSeconds:N0} events/s offered; the sender was at most {lateBy.TotalMilliseconds:0.0} ms behind schedule");
        Console.WriteLine($"failed batches {failed}, probes never visible {invisible}, task-list reads {polls:N0}");
        Console.WriteLine($"post to 202 (counted batches):      {Percentiles.Describe(postLatencies)}");
        Console.WriteLine($"202 to task visible in GET /v1/tasks: {Percentiles.Describe(visibleLatencies)}");
        Console.WriteLine($"GET /healthz after each probe:        {Percentiles.Describe(pingLatencies)}");
        return failed == 0 && invisible == 0 ? 0 : 1;
    }
}
