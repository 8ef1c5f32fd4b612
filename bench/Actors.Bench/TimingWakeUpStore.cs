using System.Diagnostics;
using CustomerSuccess.Actors.WakeUps;

namespace CustomerSuccess.Actors.Bench;

/// <summary>Wraps a wake-up store and measures the time spent scanning it (claims and next-due look-ups).</summary>
public sealed class TimingWakeUpStore(IWakeUpStore inner) : IWakeUpStore
{
    private long _scanTicks;
    private long _scans;

    public TimeSpan ScanTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _scanTicks));

    public long Scans => Interlocked.Read(ref _scans);

    public Task SetAsync(WakeUpKey key, DateTimeOffset? dueAt, CancellationToken cancellationToken) => inner.SetAsync(key, dueAt, cancellationToken);

    public async Task<IReadOnlyList<DueWakeUp>> ClaimDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.ClaimDueAsync(now, max, cancellationToken);
        Interlocked.Add(ref _scanTicks, Stopwatch.GetTimestamp() - start);
        Interlocked.Increment(ref _scans);
        return result;
    }

    public Task CompleteAsync(DueWakeUp wakeUp, DateTimeOffset? retryAt, CancellationToken cancellationToken) => inner.CompleteAsync(wakeUp, retryAt, cancellationToken);

    public async Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.GetNextDueAsync(cancellationToken);
        Interlocked.Add(ref _scanTicks, Stopwatch.GetTimestamp() - start);
        return result;
    }

    public Task ReleaseClaimsAsync(CancellationToken cancellationToken) => inner.ReleaseClaimsAsync(cancellationToken);
}
