namespace CustomerSuccess.Actors.Bench;

/// <summary>The grain the call benchmark calls: a small amount of real work on its own field.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    Task<long> PingAsync(long value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    private long _sum;

    public Task<long> PingAsync(long value)
    {
        _sum += value;
        return Task.FromResult(_sum);
    }
}

/// <summary>The baseline: the same work as a direct method call on a plain object behind a lock.</summary>
public sealed class PlainCounter
{
    private readonly Lock _gate = new();
    private long _sum;

    public long Ping(long value)
    {
        lock (_gate)
        {
            _sum += value;
            return _sum;
        }
    }
}

/// <summary>An empty grain, to measure what the runtime costs per idle activation.</summary>
public interface IIdleGrain : IGrainWithStringKey
{
    Task TouchAsync();
}

public sealed class IdleGrain : Grain, IIdleGrain
{
    public Task TouchAsync() => Task.CompletedTask;
}

/// <summary>A grain that sets a durable wake-up and checks it never fires early.</summary>
public interface IAlarmGrain : IGrainWithStringKey
{
    Task SetAsync(DateTimeOffset dueAt);
}

public sealed class AlarmGrain(AlarmLedger ledger) : Grain, IAlarmGrain, IWakeUpReceiver
{
    public Task SetAsync(DateTimeOffset dueAt) => SetWakeUpAsync(dueAt);

    public Task ReceiveWakeUpAsync(DateTimeOffset dueAt)
    {
        ledger.Record(dueAt, TimeProvider.GetUtcNow());
        return Task.CompletedTask;
    }
}

/// <summary>Counts wake-ups that fired, early ones and the worst lateness in virtual time.</summary>
public sealed class AlarmLedger
{
    private long _fired;
    private long _early;
    private long _maxLateTicks;

    public long Fired => Interlocked.Read(ref _fired);

    public long Early => Interlocked.Read(ref _early);

    public TimeSpan MaxLateness => TimeSpan.FromTicks(Interlocked.Read(ref _maxLateTicks));

    public void Record(DateTimeOffset dueAt, DateTimeOffset firedAt)
    {
        Interlocked.Increment(ref _fired);
        var late = (firedAt - dueAt).Ticks;
        if (late < 0)
        {
            Interlocked.Increment(ref _early);
            return;
        }

        long seen;
        while (late > (seen = Interlocked.Read(ref _maxLateTicks)) && Interlocked.CompareExchange(ref _maxLateTicks, late, seen) != seen)
        {
        }
    }
}
