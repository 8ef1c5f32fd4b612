using CustomerSuccess.Actors.Runtime;
using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Actors.WakeUps;

/// <summary>
/// The silo's one timer for all durable wake-ups: armed for the earliest due time in the store,
/// it claims what is due, in due order and in batches, and delivers each to its grain. Nothing
/// is claimed before its time, so nothing fires early.
/// </summary>
internal sealed class WakeUpScheduler : IDisposable
{
    private const int ClaimBatch = 4096;

    // System timers take at most 2^32 - 2 ms (~49.7 days). A later due time arms the timer for this
    // long instead; the scan it triggers claims nothing (nothing is due) and re-arms for what is next.
    internal static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(30);

    private readonly SiloRuntime _silo;
    private readonly IWakeUpStore _store;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private long _armedForTicks = long.MaxValue;
    private bool _scanning;
    private bool _rescan;
    private bool _stopped = true;

    public WakeUpScheduler(SiloRuntime silo, IWakeUpStore store)
    {
        _silo = silo;
        _store = store;
        _timer = silo.TimeProvider.CreateTimer(static self => ((WakeUpScheduler)self!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public IWakeUpStore Store => _store;

    /// <summary>Wake-ups delivered since start.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    private long _delivered;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _store.ReleaseClaimsAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _stopped = false;
        }

        var next = await _store.GetNextDueAsync(cancellationToken).ConfigureAwait(false);
        if (next is { } due)
        {
            Arm(due);
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _armedForTicks = long.MaxValue;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public async Task ScheduleAsync(GrainId grain, DateTimeOffset? dueAt)
    {
        await _store.SetAsync(new WakeUpKey(grain.Type.Name, grain.Key), dueAt, CancellationToken.None).ConfigureAwait(false);
        if (dueAt is { } due)
        {
            Arm(due);
        }
    }

    private void Arm(DateTimeOffset due)
    {
        lock (_gate)
        {
            if (_stopped || due.UtcTicks >= _armedForTicks)
            {
                return;
            }

            _armedForTicks = due.UtcTicks;
            var delay = due - _silo.TimeProvider.GetUtcNow();
            _timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxTimerDelay ? MaxTimerDelay : delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            _armedForTicks = long.MaxValue;
            if (_stopped)
            {
                return;
            }

            if (_scanning)
            {
                _rescan = true;
                return;
            }

            _scanning = true;
        }

        _silo.WorkStarted();
        _ = ScanAsync();
    }

    private async Task ScanAsync()
    {
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    _rescan = false;
                }

                var now = _silo.TimeProvider.GetUtcNow();
                IReadOnlyList<DueWakeUp> due;
                do
                {
                    due = await _store.ClaimDueAsync(now, ClaimBatch, CancellationToken.None).ConfigureAwait(false);
                    foreach (var wakeUp in due)
                    {
                        Deliver(wakeUp);
                    }
                }
                while (due.Count == ClaimBatch);

                var next = await _store.GetNextDueAsync(CancellationToken.None).ConfigureAwait(false);
                lock (_gate)
                {
                    if (!_rescan)
                    {
                        _scanning = false;
                    }
                }

                if (next is { } nextDue)
                {
                    Arm(nextDue);
                }

                lock (_gate)
                {
                    if (!_scanning)
                    {
                        return;
                    }
                }
            }
        }
        catch (Exception error)
        {
            _silo.Logger.LogError(error, "Scanning for due wake-ups failed; retrying in {Delay}", _silo.Options.WakeUpRetryDelay);
            lock (_gate)
            {
                _scanning = false;
            }

            Arm(_silo.TimeProvider.GetUtcNow() + _silo.Options.WakeUpRetryDelay);
        }
        finally
        {
            _silo.WorkFinished();
        }
    }

    private void Deliver(DueWakeUp wakeUp)
    {
        if (!_silo.TryGetGrainType(wakeUp.Key.GrainType, out var type))
        {
            _silo.Logger.LogWarning("Dropping a wake-up for unknown grain type {GrainType} ({GrainKey})", wakeUp.Key.GrainType, wakeUp.Key.GrainKey);
            _silo.WorkStarted();
            _ = FinishAsync(wakeUp, retryAt: null);
            return;
        }

        _silo.WorkStarted();
        _silo.Route(new GrainId(type, wakeUp.Key.GrainKey), new WakeUpWorkItem(this, wakeUp));
    }

    internal void OnDelivered(DueWakeUp wakeUp, Task turn)
    {
        Interlocked.Increment(ref _delivered);
        _silo.Metrics.WakeUpDelivered();
        DateTimeOffset? retryAt = null;
        if (!turn.IsCompletedSuccessfully)
        {
            retryAt = _silo.TimeProvider.GetUtcNow() + _silo.Options.WakeUpRetryDelay;
            _silo.Logger.LogError(TurnOutcome.ExceptionOf(turn), "Wake-up of {GrainType}/{GrainKey} failed; retrying at {RetryAt}", wakeUp.Key.GrainType, wakeUp.Key.GrainKey, retryAt);
        }

        // The delivering work item is still counted as outstanding; the store update is its tail.
        _silo.WorkStarted();
        _ = FinishAsync(wakeUp, retryAt);
    }

    private async Task FinishAsync(DueWakeUp wakeUp, DateTimeOffset? retryAt)
    {
        try
        {
            await _store.CompleteAsync(wakeUp, retryAt, CancellationToken.None).ConfigureAwait(false);
            if (retryAt is { } retry)
            {
                Arm(retry);
            }
        }
        catch (Exception error)
        {
            // The claim stays; the next start of a silo releases it, so the wake-up is not lost.
            _silo.Logger.LogError(error, "Completing the wake-up of {GrainType}/{GrainKey} failed", wakeUp.Key.GrainType, wakeUp.Key.GrainKey);
        }
        finally
        {
            _silo.WorkFinished();
        }
    }

    public void Dispose() => _timer.Dispose();
}
