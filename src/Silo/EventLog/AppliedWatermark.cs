namespace CustomerSuccess.Silo.EventLog;

/// <summary>
/// The position up to which every event is applied in memory. Flushes finish applying in any
/// order (their grains finish at different times); the watermark moves only across the completed
/// prefix of flushes, so it never passes an event that is committed but not yet applied. The log
/// checkpointer persists it once the customers it covers have written their state.
/// </summary>
public sealed class AppliedWatermark
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, LogFlush> _finished = new();
    private long _nextSequence = 1;
    private long _applied;

    /// <summary>Sets where recovery left the log, before new events arrive.</summary>
    public void StartAt(long position)
    {
        lock (_gate)
        {
            _applied = Math.Max(_applied, position);
        }
    }

    /// <summary>Every event at or below this position is applied.</summary>
    public long Applied
    {
        get { lock (_gate) { return _applied; } }
    }

    /// <summary>Every event of <paramref name="flush"/> is applied.</summary>
    public void FlushApplied(LogFlush flush)
    {
        lock (_gate)
        {
            _finished[flush.Sequence] = flush;
            while (_finished.Remove(_nextSequence, out var head))
            {
                _nextSequence++;
                if (head.LastPosition is { } last && last > _applied)
                {
                    _applied = last;
                }
            }
        }
    }
}
