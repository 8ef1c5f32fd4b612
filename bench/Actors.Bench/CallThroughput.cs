using System.Diagnostics;
using CustomerSuccess.Actors.Runtime;

namespace CustomerSuccess.Actors.Bench;

/// <summary>
/// Grain calls per second: 100,000 grains, calls spread at random across them by many concurrent
/// callers, each awaiting its call before the next. The baseline does the same work as a direct
/// call on a plain object behind a lock, from the same number of callers, in the same run.
/// </summary>
internal static class CallThroughput
{
    private const int Grains = 100_000;
    private const int Callers = 1_000;
    private const int CallsPerCaller = 4_000;
    private const int Rounds = 5;

    public static async Task RunAsync()
    {
        var silo = new SiloBuilder().AddGrain<IPingGrain, PingGrain>("ping", _ => new PingGrain()).Build();
        await silo.StartAsync();
        var grains = new IPingGrain[Grains];
        var plain = new PlainCounter[Grains];
        for (var i = 0; i < Grains; i++)
        {
            grains[i] = silo.GetGrain<IPingGrain>($"ping-{i}");
            plain[i] = new PlainCounter();
        }

        // Activate everything first: the figure is for calls, not activations.
        for (var i = 0; i < Grains; i += 10_000)
        {
            await Task.WhenAll(Enumerable.Range(i, 10_000).Select(j => grains[j].PingAsync(0)));
        }

        await RunGrainsAsync(grains, CallsPerCaller / 4); // warm-up (JIT, tiering)
        RunBaseline(plain, CallsPerCaller / 4);

        var grainRates = new List<double>();
        var baselineRates = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            grainRates.Add(await RunGrainsAsync(grains, CallsPerCaller));
            baselineRates.Add(RunBaseline(plain, CallsPerCaller));
        }

        var grain = Median(grainRates);
        var baseline = Median(baselineRates);
        Console.WriteLine($"calls: {Grains:N0} grains, {Callers:N0} concurrent callers, {(long)Callers * CallsPerCaller:N0} calls per round, median of {Rounds} rounds");
        Console.WriteLine($"calls: grain calls/s        {grain,14:N0}   (rounds: {string.Join(", ", grainRates.Select(r => r.ToString("N0")))})");
        Console.WriteLine($"calls: baseline calls/s     {baseline,14:N0}   (direct call on a plain object behind a lock)");
        Console.WriteLine($"calls: ratio grain/baseline {grain / baseline,14:P2}");
        await silo.StopAsync();
    }

    private static async Task<double> RunGrainsAsync(IPingGrain[] grains, int callsPerCaller)
    {
        var start = Stopwatch.GetTimestamp();
        var callers = new Task[Callers];
        for (var c = 0; c < Callers; c++)
        {
            var seed = c;
            callers[c] = Task.Run(async () =>
            {
                var random = new Random(seed);
                for (var i = 0; i < callsPerCaller; i++)
                {
                    await grains[random.Next(grains.Length)].PingAsync(i);
                }
            });
        }

        await Task.WhenAll(callers);
        return (double)Callers * callsPerCaller / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double RunBaseline(PlainCounter[] plain, int callsPerCaller)
    {
        var start = Stopwatch.GetTimestamp();
        var callers = new Task[Callers];
        for (var c = 0; c < Callers; c++)
        {
            var seed = c;
            callers[c] = Task.Run(() =>
            {
                var random = new Random(seed);
                for (var i = 0; i < callsPerCaller; i++)
                {
                    plain[random.Next(plain.Length)].Ping(i);
                }
            });
        }

        Task.WaitAll(callers);
        return (double)Callers * callsPerCaller / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
