using CustomerSuccess.Actors.Runtime;

namespace CustomerSuccess.Actors.Bench;

/// <summary>
/// Bytes per idle activation with 1,000,000 activations: managed heap growth after activating
/// them all and letting them go idle, divided by the count. The keys are allocated (and kept) by
/// the benchmark before the first measurement, so the figure is the runtime's share plus the
/// grain object itself, which is reported separately.
/// </summary>
internal static class IdleActivationMemory
{
    private const int Activations = 1_000_000;

    // An IdleGrain is an object header (16 bytes) and the base class's one reference (8 bytes).
    private const int GrainObjectBytes = 24;

    public static async Task RunAsync()
    {
        var keys = new string[Activations];
        for (var i = 0; i < Activations; i++)
        {
            keys[i] = $"customer-{i:D7}";
        }

        var silo = new SiloBuilder().AddGrain<IIdleGrain, IdleGrain>("idle", _ => new IdleGrain()).Build();
        await silo.StartAsync();
        var before = Measure();

        for (var i = 0; i < Activations; i += 10_000)
        {
            var batch = new Task[10_000];
            for (var j = 0; j < batch.Length; j++)
            {
                batch[j] = silo.GetGrain<IIdleGrain>(keys[i + j]).TouchAsync();
            }

            await Task.WhenAll(batch);
        }

        await silo.WhenIdleAsync();
        var after = Measure();
        var perActivation = (double)(after - before) / Activations;
        Console.WriteLine($"memory: {silo.ActivationCount:N0} idle activations, heap growth {(after - before) / (1024.0 * 1024.0):N1} MiB");
        Console.WriteLine($"memory: bytes per idle activation      {perActivation,8:N1}");
        Console.WriteLine($"memory: of which the grain object       {GrainObjectBytes,8:N1}");
        Console.WriteLine($"memory: runtime overhead per activation {perActivation - GrainObjectBytes,8:N1}");
        GC.KeepAlive(keys);
        await silo.StopAsync();
    }

    private static long Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
