using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Backtest.Replay;

/// <summary>
/// Puts a nearly sorted stream back in time order within a bounded window: an event is released
/// once an event later by at least the window has been read. Memory is bounded by the events of one
/// window, not the file. Ties are released in file order, so the same file always replays the same way.
/// </summary>
public sealed class ReorderBuffer(TimeSpan window)
{
    private readonly PriorityQueue<TouchpointEvent, (long Ticks, long Line)> _queue = new();
    private long _newestTicks = long.MinValue;

    public int Count => _queue.Count;

    public void Add(TouchpointEvent e, long line)
    {
        var ticks = e.OccurredAt.UtcTicks;
        _queue.Enqueue(e, (ticks, line));
        if (ticks > _newestTicks)
        {
            _newestTicks = ticks;
        }
    }

    /// <summary>The next event that no later read can precede (by more than the window).</summary>
    public bool TryRelease(out TouchpointEvent e)
    {
        if (_queue.TryPeek(out var next, out var key) && key.Ticks <= _newestTicks - window.Ticks)
        {
            _queue.Dequeue();
            e = next;
            return true;
        }

        e = null!;
        return false;
    }

    /// <summary>At the end of the file: everything left, in order.</summary>
    public bool TryDrain(out TouchpointEvent e) => _queue.TryDequeue(out e!, out _);
}
