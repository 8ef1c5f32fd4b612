namespace CustomerSuccess.Bench;

/// <summary>
/// Minor page faults of this process (/proc/self/stat, field 10): first touches of memory, which are
/// expensive in a virtual machine (~35 µs each on the machine of docs/BENCHMARKS.md); the collector's
/// fresh regions show up here. Zero where /proc is missing.
/// </summary>
internal static class PageFaults
{
    public static long Minor()
    {
        if (!File.Exists("/proc/self/stat"))
        {
            return 0;
        }

        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7]);
    }
}
