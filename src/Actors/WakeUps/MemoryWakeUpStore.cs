namespace CustomerSuccess.Actors.WakeUps;

/// <summary>
/// Wake-ups in memory: a dictionary (one due time per grain) and a priority queue over due times.
/// The queue is lazy: a replaced due time leaves a stale entry that is skipped when it surfaces,
/// so setting is O(log n) and a million scheduled grains cost a few dozen bytes each. Stale entries
/// surface only when their time comes, days later for most deadlines, while a customer's deadline
/// moves with every batch: once they outnumber the live ones (by more than a floor), the queue is
/// rebuilt from the live ones, so its size stays proportional to the grains scheduled, not to the sets
/// made. A rebuild is O(n) under the lock, and comes at most once per n sets or removals.
/// </summary>
public sealed class MemoryWakeUpStore : IWakeUpStore
{
    // Below this many entries a queue is never rebuilt: small ones cost nothing worth the work.
    private const int RebuildFloor = 1024;

    private readonly Dictionary<WakeUpKey, Entry> _entries = new();
    private readonly PriorityQueue<(WakeUpKey Key, long Token), long> _due = new();
    private readonly Lock _gate = new();
    private long _nextToken;

    /// <summary>Number of grains with a wake-up set.</summary>
    public int Count
    {
        get { lock (_gate) { return _entries.Count; } }
    }

    /// <summary>Entries in the due-time queue, stale ones included.</summary>
    internal int QueuedCount
    {
        get { lock (_gate) { return _due.Count; } }
    }

    /// <summary>The due time stored for a grain, if any.</summary>
    public DateTimeOffset? Get(WakeUpKey key)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(key, out var entry) ? new DateTimeOffset(entry.DueTicks, TimeSpan.Zero) : null;
        }
    }

    public Task SetAsync(WakeUpKey key, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (dueAt is { } due)
            {
                SetLocked(key, due.UtcTicks);
            }
            else if (_entries.Remove(key))
            {
                RebuildIfStaleLocked();
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DueWakeUp>> ClaimDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var claimed = new List<DueWakeUp>();
        lock (_gate)
        {
            while (claimed.Count < max && _due.TryPeek(out var candidate, out var dueTicks) && dueTicks <= now.UtcTicks)
            {
                _due.Dequeue();
                if (_entries.TryGetValue(candidate.Key, out var entry) && entry.Token == candidate.Token && !entry.Claimed)
                {
                    _entries[candidate.Key] = entry with { Claimed = true };
                    claimed.Add(new DueWakeUp(candidate.Key, new DateTimeOffset(dueTicks, TimeSpan.Zero), entry.Token));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<DueWakeUp>>(claimed);
    }

    public Task CompleteAsync(DueWakeUp wakeUp, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(wakeUp.Key, out var entry) && entry.Token == wakeUp.Token)
            {
                if (retryAt is { } retry)
                {
                    SetLocked(wakeUp.Key, retry.UtcTicks);
                }
                else
                {
                    _entries.Remove(wakeUp.Key);
                    RebuildIfStaleLocked();
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            while (_due.TryPeek(out var candidate, out var dueTicks))
            {
                if (_entries.TryGetValue(candidate.Key, out var entry) && entry.Token == candidate.Token && !entry.Claimed)
                {
                    return Task.FromResult<DateTimeOffset?>(new DateTimeOffset(dueTicks, TimeSpan.Zero));
                }

                _due.Dequeue();
            }
        }

        return Task.FromResult<DateTimeOffset?>(null);
    }

    public Task ReleaseClaimsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            List<KeyValuePair<WakeUpKey, Entry>>? claimed = null;
            foreach (var pair in _entries)
            {
                if (pair.Value.Claimed)
                {
                    (claimed ??= []).Add(pair);
                }
            }

            if (claimed is not null)
            {
                foreach (var (key, entry) in claimed)
                {
                    SetLocked(key, entry.DueTicks);
                }
            }
        }

        return Task.CompletedTask;
    }

    private void SetLocked(WakeUpKey key, long dueTicks)
    {
        var token = ++_nextToken;
        _entries[key] = new Entry(dueTicks, token, Claimed: false);
        _due.Enqueue((key, token), dueTicks);
        RebuildIfStaleLocked();
    }

    // Every live, unclaimed entry has one queue entry, so beyond twice their number (plus the floor) the
    // stale ones outnumber them. Claimed entries have left the queue already and are not put back: they
    // return through CompleteAsync or ReleaseClaimsAsync.
    private void RebuildIfStaleLocked()
    {
        if (_due.Count <= 2 * _entries.Count + RebuildFloor)
        {
            return;
        }

        _due.Clear();
        _due.EnqueueRange(Unclaimed());
    }

    private IEnumerable<((WakeUpKey Key, long Token) Element, long Priority)> Unclaimed()
    {
        foreach (var (key, entry) in _entries)
        {
            if (!entry.Claimed)
            {
                yield return ((key, entry.Token), entry.DueTicks);
            }
        }
    }

    private readonly record struct Entry(long DueTicks, long Token, bool Claimed);
}
