namespace CustomerSuccess.Actors.Time;

/// <summary>
/// A <see cref="TimeProvider"/> whose time moves only when told to. Tests use it so nothing
/// sleeps waiting for a deadline; replays use it to follow the events' own times.
/// Timers fire in due order, each with the clock set to its exact due time.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<(VirtualTimer Timer, long Version), (long DueTicks, long Sequence)> _timers = new();
    private long _utcTicks;
    private long _sequence;

    public VirtualClock(DateTimeOffset start) => _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _utcTicks), TimeSpan.Zero);

    public override long GetTimestamp() => Volatile.Read(ref _utcTicks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>The due time of the earliest live timer, if any.</summary>
    public DateTimeOffset? NextTimerDue
    {
        get
        {
            lock (_gate)
            {
                return PeekLive(out var dueTicks) ? new DateTimeOffset(dueTicks, TimeSpan.Zero) : null;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        AdvanceTo(GetUtcNow() + delta);
    }

    /// <summary>Moves the clock to <paramref name="target"/>, firing every timer due on the way. Never moves backwards.</summary>
    public void AdvanceTo(DateTimeOffset target)
    {
        while (TryFireNext(target))
        {
        }

        lock (_gate)
        {
            if (target.UtcTicks > _utcTicks)
            {
                Volatile.Write(ref _utcTicks, target.UtcTicks);
            }
        }
    }

    /// <summary>
    /// If a timer is due at or before <paramref name="limit"/>, moves the clock to its due time
    /// (never backwards), fires it and returns true. Lets a host settle the work one timer caused
    /// before the next fires.
    /// </summary>
    public bool TryFireNext(DateTimeOffset limit)
    {
        VirtualTimer timer;
        lock (_gate)
        {
            if (!PeekLive(out var dueTicks) || dueTicks > limit.UtcTicks)
            {
                return false;
            }

            timer = _timers.Dequeue().Timer;
            if (dueTicks > _utcTicks)
            {
                Volatile.Write(ref _utcTicks, dueTicks);
            }

            timer.OnFiring(dueTicks);
        }

        timer.Fire();
        return true;
    }

    // Drops entries made stale by Change/Dispose; the queue is lazy so a change costs O(log n).
    private bool PeekLive(out long dueTicks)
    {
        while (_timers.TryPeek(out var entry, out var priority))
        {
            if (entry.Version == entry.Timer.Version)
            {
                dueTicks = priority.DueTicks;
                return true;
            }

            _timers.Dequeue();
        }

        dueTicks = 0;
        return false;
    }

    private void Schedule(VirtualTimer timer, long dueTicks) =>
        _timers.Enqueue((timer, timer.Version), (dueTicks, _sequence++));

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private long _periodTicks = -1;

        public long Version { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                if (Version < 0)
                {
                    return false;
                }

                Version++;
                _periodTicks = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? -1 : period.Ticks;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    clock.Schedule(this, clock._utcTicks + Math.Max(0, dueTime.Ticks));
                }

                return true;
            }
        }

        // Called under the clock's lock, before the callback runs, so a periodic timer is
        // re-armed relative to its due time (no drift) and the callback may change it again.
        public void OnFiring(long dueTicks)
        {
            if (_periodTicks > 0)
            {
                clock.Schedule(this, dueTicks + _periodTicks);
            }
            else
            {
                Version++;
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                Version = long.MinValue;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
