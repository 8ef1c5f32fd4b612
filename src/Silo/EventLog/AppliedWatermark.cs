namespace CustomerSuccess.Silo.EventLog;

/// <summary>
/// The position up to which every event is applied. Flushes complete in any order (their grains
/// finish at different times); the watermark moves only across the completed prefix of flushes,
/// so it never passes an event that is committed but not yet applied. It is written to the
/// checkpoint with at most one write in flight, coalescing advances that come meanwhile.
/// </summary>
public sealed class AppliedWatermark
{
    private readonly ILogCheckpoint _checkpoint;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, FlushProgress> _open = new();
    private long _nextSequence = 1;
    private long _applied;
    private long _written;
    private bool _writing;

    public AppliedWatermark(ILogCheckpoint checkpoint) => _checkpoint = checkpoint;

    /// <summary>Sets where recovery left the log, before new events arrive.</summary>
    public void StartAt(long position)
    {
        lock (_gate)
        {
            _applied = Math.Max(_applied, position);
            _written = Math.Max(_written, position);
        }
    }

    /// <summary>Every event at or below this position is applied.</summary>
    public long Applied
    {
        get { lock (_gate) { return _applied; } }
    }

    /// <summary>A request of <paramref name="flush"/> finished applying its events.</summary>
    public void RequestApplied(LogFlush flush)
    {
        bool write;
        lock (_gate)
        {
            if (!_open.TryGetValue(flush.Sequence, out var progress))
            {
                _open[flush.Sequence] = progress = new FlushProgress(flush);
            }

            progress.Done++;
            while (_open.TryGetValue(_nextSequence, out var head) && head.Done == head.Flush.Requests)
            {
                _open.Remove(_nextSequence);
                _nextSequence++;
                if (head.Flush.LastPosition is { } last && last > _applied)
                {
                    _applied = last;
                }
            }

            write = !_writing && _applied > _written;
            _writing |= write;
        }

        if (write)
        {
            _ = WriteAsync();
        }
    }

    /// <summary>Writes the watermark now (graceful shutdown).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _checkpoint.WriteAsync(Applied, cancellationToken);

    private async Task WriteAsync()
    {
        while (true)
        {
            long target;
            lock (_gate)
            {
                target = _applied;
            }

            try
            {
                await _checkpoint.WriteAsync(target, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The storage is away; the next advance (or shutdown) writes again, and until then
                // a restart merely replays a little more of the log.
                lock (_gate)
                {
                    _writing = false;
                }

                return;
            }

            lock (_gate)
            {
                _written = Math.Max(_written, target);
                if (_applied <= _written)
                {
                    _writing = false;
                    return;
                }
            }
        }
    }

    private sealed class FlushProgress(LogFlush flush)
    {
        public LogFlush Flush { get; } = flush;

        public int Done { get; set; }
    }
}
