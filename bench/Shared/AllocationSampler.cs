using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace CustomerSuccess.Bench;

/// <summary>
/// What a phase allocates, by type: the runtime reports a sample about every 100 KB allocated
/// (GCAllocationTick), with the type of the object that crossed the mark. Enabled with
/// CS_ALLOCATIONS=1, as it costs a little.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();
    private volatile bool _recording;

    public static AllocationSampler? StartIfAsked() =>
        Environment.GetEnvironmentVariable("CS_ALLOCATIONS") == "1" ? new AllocationSampler() : null;

    public void Record(bool on)
    {
        if (!on)
        {
            _recording = false;
            return;
        }

        _bytes.Clear();
        _recording = true;
    }

    public void Print(string prefix, int top = 25)
    {
        var total = _bytes.Values.Sum();
        Console.WriteLine($"{prefix}: allocation samples by type (share of {total / 1048576.0:N0} MiB sampled)");
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"{prefix}: {bytes * 100.0 / total,6:N1} %  {type}");
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs data)
    {
        if (!_recording || data.EventName is null || !data.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || data.PayloadNames is null)
        {
            return;
        }

        var type = data.Payload![data.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(data.Payload[data.PayloadNames.IndexOf("AllocationAmount")]);
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
