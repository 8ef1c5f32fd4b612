using System.Diagnostics;
using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Bench;

/// <summary>
/// The first burst on a fresh silo in a fresh process: 200 concurrent ApplyAsync calls to 200 new
/// customers (one week of <see cref="EventMix"/> each), the thread pool sampled every millisecond.
/// Then a second burst of 200 to 200 other new customers, to separate first-use costs (JIT, type
/// loading, serialiser metadata) from steady-state ones. Pass "min32" to set min threads to 32 first.
/// </summary>
internal static class FirstBurst
{
    public static async Task RunAsync(bool min32, string? prewarm)
    {
        // What the first call pays once: JSON metadata for the state, or the whole pure model path.
        var warm = Stopwatch.GetTimestamp();
        if (prewarm is "json" or "model")
        {
            CustomerSuccess.Actors.Persistence.GrainStateSerializer.Serialize(new CustomerSuccess.Grains.Domain.Customers.CustomerState(), GrainStateJson.Default.CustomerState);
        }

        if (prewarm is "reflection")
        {
            CustomerSuccess.Actors.Persistence.GrainStateSerializer.Serialize(new CustomerSuccess.Grains.Domain.Customers.CustomerState());
        }

        if (prewarm == "model")
        {
            var m = new CustomerSuccess.Grains.Domain.Customers.CustomerModel("w", new(), CustomerSuccess.Grains.Domain.Rules.RuleSettings.Default,
                CustomerSuccess.Grains.Domain.Health.HealthSettings.Default, CustomerSuccess.Grains.Domain.Customers.StateLimits.Default);
            foreach (var e in EventMix.Week("w", 5, 0, DateTimeOffset.UtcNow.AddDays(-7)))
            {
                m.Apply(e);
            }

            m.Evaluate(DateTimeOffset.UtcNow, "warm");
            CustomerSuccess.Actors.Persistence.GrainStateSerializer.Serialize(m.State);
        }

        if (prewarm is not null)
        {
            Console.WriteLine($"prewarm {prewarm}: {Stopwatch.GetElapsedTime(warm).TotalMilliseconds:N0} ms on one thread");
        }

        if (min32)
        {
            ThreadPool.SetMinThreads(32, 32);
        }

        ThreadPool.GetMinThreads(out var minWorkers, out _);
        var now = DateTimeOffset.UtcNow;
        var silo = MemoryModeSilo.Build(TimeProvider.System);
        await silo.StartAsync();
        for (var burst = 0; burst < 2; burst++)
        {
            var samples = new List<(double Ms, int Threads, long Pending)>();
            var stop = false;
            var start = Stopwatch.GetTimestamp();
            var sampler = new Thread(() =>
            {
                while (!Volatile.Read(ref stop))
                {
                    samples.Add((Stopwatch.GetElapsedTime(start).TotalMilliseconds, ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount));
                    Thread.Sleep(1);
                }
            }) { IsBackground = true };
            sampler.Start();
            var done = new double[200];
            var calls = new Task[200];
            for (var c = 0; c < 200; c++)
            {
                var i = burst * 1000 + c;
                var index = c;
                calls[c] = Task.Run(async () =>
                {
                    var id = EventMix.CustomerId(i);
                    await silo.GetGrain<ICustomerGrain>(id).ApplyAsync(EventMix.Week(id, i, 0, now.AddDays(-7)));
                    done[index] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                });
            }

            await Task.WhenAll(calls);
            var total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Volatile.Write(ref stop, true);
            sampler.Join();
            Array.Sort(done);
            Console.WriteLine($"burst {burst + 1} (min worker threads {minWorkers}): 200 calls in {total:N0} ms; first done at {done[0]:N0} ms, 100th at {done[99]:N0} ms; threads max {samples.Max(s => s.Threads)}, pending max {samples.Max(s => s.Pending)}");
            foreach (var s in samples.Where((_, k) => k % 25 == 0).Take(24))
            {
                Console.WriteLine($"    t={s.Ms,6:N0} ms threads={s.Threads,3} pending={s.Pending,5}");
            }
        }

        await silo.StopAsync();
    }
}
