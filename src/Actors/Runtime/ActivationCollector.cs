using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Actors.Runtime;

/// <summary>
/// Deactivates activations idle for longer than the collection age. One timer for the silo,
/// armed for the moment the least recently used activation could first expire, so an idle
/// silo has no periodic work and a virtual clock is not flooded with ticks.
/// </summary>
internal sealed class ActivationCollector : IDisposable
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromSeconds(1);

    private readonly SiloRuntime _silo;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private bool _armed;
    private bool _disposed;

    public ActivationCollector(SiloRuntime silo)
    {
        _silo = silo;
        _timer = silo.TimeProvider.CreateTimer(static self => ((ActivationCollector)self!).Sweep(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void OnActivationCreated()
    {
        if (!_silo.Options.CollectIdleActivations)
        {
            return;
        }

        lock (_gate)
        {
            if (_armed || _disposed)
            {
                return;
            }

            _armed = true;
            _timer.Change(_silo.Options.CollectionAge, Timeout.InfiniteTimeSpan);
        }
    }

    private void Sweep()
    {
        _silo.WorkStarted();
        try
        {
            var time = _silo.TimeProvider;
            var now = time.GetTimestamp();
            var age = _silo.Options.CollectionAge;
            long? oldestRemaining = null;
            var collected = 0;
            foreach (var activation in _silo.Activations)
            {
                var lastUsed = activation.TryCollect(now, age);
                if (lastUsed is null)
                {
                    collected++;
                }
                else if (oldestRemaining is null || lastUsed < oldestRemaining)
                {
                    oldestRemaining = lastUsed;
                }
            }

            if (collected > 0)
            {
                _silo.Logger.LogDebug("Collecting {Count} idle activations", collected);
            }

            lock (_gate)
            {
                // An activation created during the sweep may have been missed: keep the timer armed.
                _armed = (oldestRemaining is not null || _silo.ActivationCount > 0) && !_disposed;
                if (_armed)
                {
                    // The earliest any remaining activation can expire; busy ones report 'now'.
                    var wait = oldestRemaining is { } oldest ? age - time.GetElapsedTime(oldest, now) : age;
                    _timer.Change(wait < MinimumWait ? MinimumWait : wait, Timeout.InfiniteTimeSpan);
                }
            }
        }
        catch (Exception error)
        {
            _silo.Logger.LogError(error, "Collecting idle activations failed");
        }
        finally
        {
            _silo.WorkFinished();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _armed = false;
        }

        _timer.Dispose();
    }
}
