using System.Diagnostics;
using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Actors.Time;
using CustomerSuccess.Actors.WakeUps;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSuccess.Actors.Bench;

/// <summary>
/// 1,000,000 grains each set a durable wake-up, spread over 10 minutes of virtual time. The clock
/// then moves through those 10 minutes; every wake-up must fire, none early. Reports the wall
/// time per wake-up (scan, activation lookup, turn) and the scan's share.
/// </summary>
internal static class WakeUpScan
{
    private const int Grains = 1_000_000;
    private static readonly TimeSpan Spread = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    public static async Task RunAsync()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new VirtualClock(start);
        var ledger = new AlarmLedger();
        var store = new TimingWakeUpStore(new MemoryWakeUpStore());
        var services = new ServiceCollection().AddSingleton(ledger).BuildServiceProvider();
        var silo = new SiloBuilder()
            .UseTimeProvider(clock)
            .UseWakeUpStore(store)
            .UseServices(services)
            .AddGrain<IAlarmGrain, AlarmGrain>("alarm", ctx => new AlarmGrain(ctx.Services.GetRequiredService<AlarmLedger>()))
            .Build();
        await silo.StartAsync();

        var random = new Random(42);
        var setStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < Grains; i += 10_000)
        {
            var batch = new Task[10_000];
            for (var j = 0; j < batch.Length; j++)
            {
                var due = start + TimeSpan.FromMilliseconds(1 + random.NextInt64((long)Spread.TotalMilliseconds));
                batch[j] = silo.GetGrain<IAlarmGrain>($"alarm-{i + j}").SetAsync(due);
            }

            await Task.WhenAll(batch);
        }

        var setTime = Stopwatch.GetElapsedTime(setStart);
        var fireStart = Stopwatch.GetTimestamp();
        for (var t = start + Step; t <= start + Spread + Step; t += Step)
        {
            clock.AdvanceTo(t);
            await silo.WhenIdleAsync();
        }

        var fireTime = Stopwatch.GetElapsedTime(fireStart);
        Console.WriteLine($"wakeups: {Grains:N0} grains, due times spread over {Spread.TotalMinutes} virtual minutes, clock stepped by {Step.TotalSeconds} s");
        Console.WriteLine($"wakeups: set (grain calls)              {setTime.TotalSeconds,8:N2} s");
        Console.WriteLine($"wakeups: fired {ledger.Fired:N0}, early {ledger.Early:N0}, max lateness {ledger.MaxLateness.TotalMilliseconds:N0} ms virtual (the step)");
        Console.WriteLine($"wakeups: firing all                     {fireTime.TotalSeconds,8:N2} s wall");
        Console.WriteLine($"wakeups: wall time per wake-up          {fireTime.TotalMicroseconds / Grains,8:N2} us");
        Console.WriteLine($"wakeups: scan time per wake-up          {store.ScanTime.TotalMicroseconds / Grains,8:N2} us ({store.Scans:N0} claims)");
        await silo.StopAsync();
        await MeasureStoreMemoryAsync();
    }

    // What holding a million due times costs: heap growth of the store alone (keys allocated before).
    private static async Task MeasureStoreMemoryAsync()
    {
        var keys = new WakeUpKey[Grains];
        for (var i = 0; i < Grains; i++)
        {
            keys[i] = new WakeUpKey("alarm", $"alarm-{i}");
        }

        var before = HeapBytes();
        var store = new MemoryWakeUpStore();
        var due = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Grains; i++)
        {
            await store.SetAsync(keys[i], due.AddMilliseconds(i % 600_000), CancellationToken.None);
        }

        var after = HeapBytes();
        Console.WriteLine($"wakeups: store memory per scheduled grain {(double)(after - before) / store.Count,6:N1} bytes ({store.Count:N0} scheduled)");
        GC.KeepAlive(keys);
        GC.KeepAlive(store);
    }

    private static long HeapBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
