namespace CustomerSuccess.Actors.WakeUps;

/// <summary>
/// Wake-ups in memory: a dictionary (one due time per grain) and a priority queue over due times.
/// The queue is lazy: a replaced due time leaves a stale entry that is skipped when it surfaces,
/// so setting is O(log n) and a million scheduled grains cost a few dozen bytes each.
/// </summary>
public sealed class MemoryWakeUpStore : IWakeUpStore
{
    private readonly Dictionary<WakeUpKey, Entry> _entries = new();
    private readonly PriorityQueue<(WakeUpKey Key, long Token), long> _due = new();
    private readonly Lock _gate = new();
    private long _nextToken;

    /// <summary>Number of grains with a wake-up set.</summary>
    public int Count
    {
        get { lock (_gate) { return _entries.Count; } }
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
            else
            {
                _entries.Remove(key);
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
    }

    private readonly record struct Entry(long DueTicks, long Token, bool Claimed);
}
