using System.Diagnostics;
using CustomerSuccess.Bench;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Bench;

/// <summary>
/// Events per second through <see cref="ICustomerGrain.ApplyLoggedAsync"/> without log positions —
/// the call the memory-mode engine makes, where the state is kept in memory and not serialised per
/// batch — on a silo in memory mode (memory grain storage, memory wake-up store, no HTTP): 100,000 customers with profiles (200 CSMs),
/// one round = one week of <see cref="EventMix"/> for every customer, one batch per customer,
/// delivered by 1,000 concurrent callers, with the silo's clock at the end of that week (see
/// <see cref="WeekClock"/>: deadlines do not fire). One warm-up round, then
/// <see cref="Rounds"/> rounds; the median is reported, and with --no-baseline the sustained rate
/// (every event of the rounds over their whole time, so each collection counts wherever it fell). Baseline in the same run: the same batches
/// folded through the pure <see cref="CustomerModel"/> (apply each event, evaluate once per batch at
/// the same time, as the grain does), on all cores, with no grains, no storage, no boards or portfolio.
/// </summary>
internal static class EventThroughput
{
    private const int Callers = 1_000;
    // Ten: a round is about a second, and the collections that dominate its cost come every few rounds.
    private const int Rounds = 10;

    /// <param name="baseline">
    /// False: no pure-model baseline, so the process holds only the silo's heap. The baseline's
    /// 100,000 models double the heap every collection walks, which slows the grain rounds too.
    /// </param>
    /// <param name="historyWeeks">
    /// Weeks applied before the rounds, not measured: 13 gives every customer the typical history the
    /// memory benchmark measures (a full timeline, weeks of score changes and closed tasks), so the
    /// rounds measure established customers; 0 measures customers from their first weeks, while their
    /// state is still being built.
    /// </param>
    public static async Task RunAsync(bool baseline = true, int historyWeeks = ResidentMemory.Weeks)
    {
        var ids = EventMix.CustomerIds();
        var now = DateTimeOffset.UtcNow;
        var weeks = historyWeeks + Rounds + 1;
        DateTimeOffset WeekStart(int week) => now.AddDays(-7 * (weeks - week));

        var clock = new WeekClock(WeekStart(0));
        var silo = MemoryModeSilo.Build(clock);
        await silo.StartAsync();
        var grains = new ICustomerGrain[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            grains[i] = silo.GetGrain<ICustomerGrain>(ids[i]);
        }

        // The first burst: 1,000 concurrent callers activating customers and setting their profiles,
        // with the thread pool sampled while it runs.
        using (var sampler = PoolSampler.Start())
        {
            var first = await RunCallersAsync(ids.Length, i => grains[i].SetProfileAsync(EventMix.Profile(i, now)), firstCalls: 200);
            sampler.Stop();
            Console.WriteLine($"events: first burst: first 200 profile calls done after {first.FirstCallsMs:N0} ms; all {ids.Length:N0} after {first.ElapsedMs:N0} ms");
            Console.WriteLine($"events: thread pool during it: {sampler.Summary()}");
        }

        var models = new CustomerModel[baseline ? ids.Length : 0];
        for (var i = 0; i < models.Length; i++)
        {
            models[i] = new CustomerModel(ids[i], new CustomerState(), RuleSettings.Default, HealthSettings.Default, StateLimits.Default);
            models[i].SetProfile(EventMix.Profile(i, now), now);
        }

        // CS_ALLOCATIONS=1: what the last grain round allocates, by type.
        using var allocations = AllocationSampler.StartIfAsked();
        var grainRates = new List<double>();
        long grainEvents = 0;
        double grainMs = 0;
        var baselineRates = new List<double>();
        long eventsPerRound = 0;
        for (var week = 0; week < historyWeeks; week++)
        {
            var (batches, unlogged, _, weekEnd) = GenerateWeek(ids, week, WeekStart);
            clock.Set(weekEnd);
            await RunCallersAsync(ids.Length, i => grains[i].ApplyLoggedAsync(unlogged[i]));
            if (baseline)
            {
                RunBaseline(models, batches, weekEnd);
            }
        }

        Console.WriteLine($"events: {historyWeeks} weeks of history applied before the rounds (not measured); heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:N0} MiB");
        var input = GenerateWeeks(ids, historyWeeks, Rounds + 1, WeekStart);
        for (var round = 0; round <= Rounds; round++)
        {
            var (batches, unlogged, count, weekEnd) = input[round];

            // The week has passed, and every event of the round has happened.
            clock.Set(weekEnd);

            allocations?.Record(round > 0);
            var gc = GcSnapshot.Take();
            var grainRun = await RunCallersAsync(ids.Length, i => grains[i].ApplyLoggedAsync(Fresh(unlogged[i])));
            var grainGc = GcSnapshot.Take() - gc;
            allocations?.Record(false);
            gc = GcSnapshot.Take();
            var baselineSeconds = baseline ? RunBaseline(models, batches, weekEnd) : double.NaN;
            var grainRate = count / (grainRun.ElapsedMs / 1000.0);
            var baselineRate = count / baselineSeconds;
            var modelGc = GcSnapshot.Take() - gc;
            Console.WriteLine($"events: round {round}{(round == 0 ? " (warm-up)" : "")}, week {historyWeeks + round}: {count:N0} events, grains {grainRate:N0}/s, model {baselineRate:N0}/s, load {Load.Average()}");
            Console.WriteLine($"        GC during grains: {grainGc.Describe(grainRun.ElapsedMs)}; during model: {modelGc.Describe(baselineSeconds * 1000)}; heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:N0} MiB");
            var lastGc = GC.GetGCMemoryInfo(GCKind.Any);
            Console.WriteLine($"        last collection: gen{lastGc.Generation}, paused {lastGc.PauseDurations[0].TotalMilliseconds:N0} ms, promoted {lastGc.PromotedBytes / 1048576.0:N0} MiB; generations 0/1/2 before {Sizes(lastGc, before: true)} MiB, after {Sizes(lastGc, before: false)} MiB");
            if (round > 0)
            {
                grainEvents += count;
                grainMs += grainRun.ElapsedMs;
                grainRates.Add(grainRate);
                baselineRates.Add(baselineRate);
                eventsPerRound = count;
            }
        }

        var grain = Median(grainRates);
        var modelRate = baseline ? Median(baselineRates) : double.NaN;
        Console.WriteLine($"events: {ids.Length:N0} customers, {Callers:N0} concurrent callers, ~{eventsPerRound:N0} events per round ({(double)eventsPerRound / ids.Length:N1} per batch), median of {Rounds} rounds");
        Console.WriteLine($"events: grain events/s          {grain,14:N0}   (rounds: {string.Join(", ", grainRates.Select(r => r.ToString("N0")))})");
        // With the baseline, collections that fall in its runs clear the grain rounds' garbage too.
        var sustained = baseline ? double.NaN : grainEvents / (grainMs / 1000);
        Console.WriteLine(baseline
            ? "events: sustained events/s      (only with --no-baseline: the baseline's runs take some of the grain rounds' collections)"
            : $"events: sustained events/s      {sustained,14:N0}   ({grainEvents:N0} events in {grainMs / 1000:N2} s)");
        if (baseline)
        {
            Console.WriteLine($"events: baseline events/s       {modelRate,14:N0}   (pure CustomerModel, all cores; rounds: {string.Join(", ", baselineRates.Select(r => r.ToString("N0")))})");
            Console.WriteLine($"events: ratio grain/baseline    {grain / modelRate,14:P1}");
        }
        else
        {
            Console.WriteLine("events: no baseline (--no-baseline): the process holds the silo's heap only");
        }
        Console.WriteLine($"events: goal >= 1,000,000/s     median {(grain >= 1_000_000 ? "met" : "missed")}, sustained {(sustained >= 1_000_000 ? "met" : "missed")}");
        allocations?.Print("events: last grain round");
        await silo.StopAsync();
    }

    /// <summary>
    /// A batch as a request delivers it: new event objects with new id strings, made in the measured
    /// time. The state keeps some of those strings (contact, issue and task evidence ids), and finding
    /// and moving them is part of what the collector costs an engine; the old templates must not stand in.
    /// </summary>
    private static LoggedTouchpoint[] Fresh(LoggedTouchpoint[] templates)
    {
        var batch = new LoggedTouchpoint[templates.Length];
        for (var i = 0; i < templates.Length; i++)
        {
            var e = templates[i].Event;
            batch[i] = new LoggedTouchpoint(templates[i].Position, e with
            {
                Id = new string(e.Id.AsSpan()),
                CustomerId = new string(e.CustomerId.AsSpan()),
                IssueId = e.IssueId is null ? null : new string(e.IssueId.AsSpan()),
            });
        }

        return batch;
    }

    /// <summary>
    /// Every round's batch templates, made before the first round and then moved to the oldest
    /// generation. Made per round, the next ~250 MB of batches sat in the youngest generation while the
    /// round ran, and every collection in it copied them out: a cost of the benchmark's input, not of
    /// applying events (an engine holds a batch for the milliseconds of its request). Each caller sends
    /// a <see cref="Fresh"/> copy.
    /// </summary>
    private static (TouchpointEvent[][] Batches, LoggedTouchpoint[][] Unlogged, long Count, DateTimeOffset WeekEnd)[] GenerateWeeks(
        string[] ids, int firstWeek, int weeks, Func<int, DateTimeOffset> weekStart)
    {
        var input = new (TouchpointEvent[][], LoggedTouchpoint[][], long, DateTimeOffset)[weeks];
        for (var w = 0; w < weeks; w++)
        {
            input[w] = GenerateWeek(ids, firstWeek + w, weekStart);
        }

        // Two collections: each moves survivors up one generation.
        GC.Collect();
        GC.Collect();
        return input;
    }

    /// <summary>One week's batch per customer, and the time the week's last event happened (or its end).</summary>
    private static (TouchpointEvent[][] Batches, LoggedTouchpoint[][] Unlogged, long Count, DateTimeOffset WeekEnd) GenerateWeek(
        string[] ids, int week, Func<int, DateTimeOffset> weekStart)
    {
        var batches = new TouchpointEvent[ids.Length][];
        var unlogged = new LoggedTouchpoint[ids.Length][];
        long count = 0;
        var weekEnd = weekStart(week + 1);
        for (var i = 0; i < ids.Length; i++)
        {
            batches[i] = EventMix.Week(ids[i], i, week, weekStart(week));
            unlogged[i] = LoggedTouchpoint.Unlogged(batches[i]);
            count += batches[i].Length;
            foreach (var e in batches[i])
            {
                weekEnd = e.OccurredAt > weekEnd ? e.OccurredAt : weekEnd;
            }
        }

        return (batches, unlogged, count, weekEnd);
    }

    private static async Task<(double ElapsedMs, double FirstCallsMs)> RunCallersAsync(int count, Func<int, Task> call, int firstCalls = 0)
    {
        var start = Stopwatch.GetTimestamp();
        var next = -1;
        var done = 0;
        long firstDoneAt = 0;
        var callers = new Task[Callers];
        for (var c = 0; c < Callers; c++)
        {
            callers[c] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    await call(i);
                    if (Interlocked.Increment(ref done) == firstCalls)
                    {
                        firstDoneAt = Stopwatch.GetTimestamp();
                    }
                }
            });
        }

        await Task.WhenAll(callers);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return (elapsed, firstDoneAt == 0 ? 0 : Stopwatch.GetElapsedTime(start, firstDoneAt).TotalMilliseconds);
    }

    private static double RunBaseline(CustomerModel[] models, TouchpointEvent[][] batches, DateTimeOffset now)
    {
        var start = Stopwatch.GetTimestamp();
        Parallel.For(0, models.Length, i => EventMix.ApplyAndEvaluate(models[i], batches[i], now));
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static string Sizes(GCMemoryInfo info, bool before)
    {
        var sizes = new string[3];
        for (var g = 0; g < 3; g++)
        {
            var generation = info.GenerationInfo[g];
            sizes[g] = ((before ? generation.SizeBeforeBytes : generation.SizeAfterBytes) / 1048576.0).ToString("N0");
        }

        return string.Join('/', sizes);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}

/// <summary>Samples the thread pool every 10 ms on a dedicated thread.</summary>
internal sealed class PoolSampler : IDisposable
{
    private readonly List<(double Ms, int Threads, long Pending, long Completed)> _samples = [];
    private readonly Thread _thread;
    private volatile bool _stop;

    private PoolSampler()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "pool-sampler" };
    }

    public static PoolSampler Start()
    {
        var sampler = new PoolSampler();
        sampler._thread.Start();
        return sampler;
    }

    public void Stop()
    {
        _stop = true;
        _thread.Join();
    }

    public void Dispose() => Stop();

    public string Summary()
    {
        var lines = new List<string>();
        var maxThreads = _samples.Count == 0 ? 0 : _samples.Max(s => s.Threads);
        var maxPending = _samples.Count == 0 ? 0 : _samples.Max(s => s.Pending);
        lines.Add($"threads {(_samples.Count == 0 ? 0 : _samples[0].Threads)} -> max {maxThreads}, max pending work items {maxPending:N0}");
        foreach (var s in _samples.Where((_, index) => index % 10 == 0).Take(30))
        {
            lines.Add($"    t={s.Ms,6:N0} ms threads={s.Threads,3} pending={s.Pending,7:N0} completed={s.Completed,10:N0}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private void Loop()
    {
        var start = Stopwatch.GetTimestamp();
        while (!_stop)
        {
            _samples.Add((Stopwatch.GetElapsedTime(start).TotalMilliseconds, ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount, ThreadPool.CompletedWorkItemCount));
            Thread.Sleep(10);
        }
    }
}

internal readonly record struct GcSnapshot(int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Allocated, long Faults)
{
    public static GcSnapshot Take() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), PageFaults.Minor());

    public static GcSnapshot operator -(GcSnapshot a, GcSnapshot b) => new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Pause - b.Pause, a.Allocated - b.Allocated, a.Faults - b.Faults);

    public string Describe(double elapsedMs) =>
        $"gen0/1/2 {Gen0}/{Gen1}/{Gen2}, paused {Pause.TotalMilliseconds:N0} ms ({Pause.TotalMilliseconds / elapsedMs:P0}), allocated {Allocated / 1048576.0:N0} MiB, {Faults:N0} page faults";
}
