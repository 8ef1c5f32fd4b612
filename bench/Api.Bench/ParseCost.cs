using System.Diagnostics;
using CustomerSuccess.Api.Events;
using CustomerSuccess.Api.Validation;
using CustomerSuccess.LoadGen;
using Microsoft.AspNetCore.Http;

namespace CustomerSuccess.Api.Bench;

/// <summary>
/// What POST /v1/events does before the ingestor, per event: read the body (<see cref="JsonBody"/>)
/// and turn it into touchpoints with every check (<see cref="EventBatchParser"/>). The batches are
/// LoadGen's. Single thread, best of 5 rounds after a warm-up, with the bytes allocated per event.
/// The machine is shared, so besides wall time each round reports the process's CPU time per event,
/// which waiting for a core does not inflate: compare versions by CPU time when the load is high.
/// </summary>
public static class ParseCost
{
    private const int Batches = 300;
    private const int BatchSize = 1_000;

    public static async Task RunAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var random = new Random(42);
        var bodies = Enumerable.Range(0, Batches).Select(b => BatchWriter.Write("parse", b, BatchSize, 100_000, now, random)).ToArray();
        Console.WriteLine($"parse: {Batches} batches of {BatchSize} events, {bodies.Average(b => b.Length) / BatchSize:0} bytes per event; load average {LoadAverage.Read()}");

        await RoundAsync(bodies, now); // warm-up: JIT and tiering
        await RoundAsync(bodies, now);
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        long bytes = 0;
        for (var round = 0; round < 5; round++)
        {
            var (ns, cpuNs, allocated) = await RoundAsync(bodies, now);
            Console.WriteLine($"  round {round + 1}: {ns:0} ns per event (CPU {cpuNs:0} ns), {allocated:0} bytes allocated per event");
            best = Math.Min(best, ns);
            bestCpu = Math.Min(bestCpu, cpuNs);
            bytes = allocated;
        }

        Console.WriteLine($"read + validate: {best:0} ns per event wall, {bestCpu:0} ns CPU (best of 5) = {1e9 / bestCpu:N0} events/s per core; {bytes} bytes allocated per event");
    }

    private static async Task<(double NsPerEvent, double CpuNsPerEvent, long BytesPerEvent)> RoundAsync(byte[][] bodies, DateTimeOffset now)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        var events = 0;
        foreach (var body in bodies)
        {
            var context = new DefaultHttpContext();
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = body.Length;
            context.Request.Body = new MemoryStream(body, writable: false);
            var (document, problem) = await JsonBody.ReadAsync(context.Request, EventBatchParser.MaxBytes, CancellationToken.None);
            if (problem is not null)
            {
                throw new InvalidOperationException("A LoadGen batch was refused.");
            }

            using (document)
            {
                var batch = EventBatchParser.Parse(document!.RootElement, now);
                if (batch.Errors.Count > 0)
                {
                    throw new InvalidOperationException($"A LoadGen batch was invalid: {batch.Errors[0].Message}");
                }

                events += batch.Events.Count;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return (elapsed.TotalNanoseconds / events, cpu.TotalNanoseconds / events, allocated / events);
    }
}
