namespace CustomerSuccess.Storage.Bench;

/// <summary>
/// Where a phase's CPU went: this process (the engine and the client) against the rest of the
/// machine (the PostgreSQL server), from the process's own times and /proc/stat. Linux only; empty
/// elsewhere.
/// </summary>
internal readonly record struct CpuSplit(TimeSpan Process, TimeSpan Machine, TimeSpan GcPaused, int Gen0, int Gen1, int Gen2, long JitMethods, TimeSpan JitTime, long Allocated, long PageFaults)
{
    public static CpuSplit Now()
    {
        var process = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        return new CpuSplit(
            process, MachineBusy(), GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime(), GC.GetTotalAllocatedBytes(), CustomerSuccess.Bench.PageFaults.Minor());
    }

    public string Since(CpuSplit start, TimeSpan wall)
    {
        if (Machine == TimeSpan.Zero)
        {
            return "";
        }

        var own = Process - start.Process;
        var others = Machine - start.Machine - own;
        var gc = $"allocated {(Allocated - start.Allocated) / 1048576.0:N0} MiB, {PageFaults - start.PageFaults:N0} page faults, GC paused {(GcPaused - start.GcPaused).TotalSeconds:N2} s ({Gen0 - start.Gen0} gen0, {Gen1 - start.Gen1} gen1, {Gen2 - start.Gen2} gen2 collections)";
        // The JIT's share tells whether a warm-up reached the steady state: tiered compilation
        // recompiles hot methods in the background for a while after they are first called.
        var jit = $"JIT compiled {JitMethods - start.JitMethods:N0} methods in {(JitTime - start.JitTime).TotalSeconds:N2} s";
        return $"CPU: this process {own.TotalSeconds:N1} s, the rest of the machine (PostgreSQL) {others.TotalSeconds:N1} s, in {wall.TotalSeconds:N1} s wall on {Environment.ProcessorCount} cores; {gc}; {jit}";
    }

    // Busy time of all cores: user + nice + system + irq + softirq + steal, in clock ticks (100 per second).
    private static TimeSpan MachineBusy()
    {
        if (!File.Exists("/proc/stat"))
        {
            return TimeSpan.Zero;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long ticks = 0;
        foreach (var index in (ReadOnlySpan<int>)[1, 2, 3, 6, 7, 8])
        {
            ticks += long.Parse(fields[index]);
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
