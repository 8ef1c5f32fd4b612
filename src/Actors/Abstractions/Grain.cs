using CustomerSuccess.Actors.Runtime;

namespace CustomerSuccess.Actors;

/// <summary>
/// Base class of every grain. Like Orleans, the runtime constructs the grain (the grain's own
/// constructor takes its state and services) and binds it to its activation.
/// </summary>
public abstract class Grain
{
    private readonly Activation _activation;

    /// <summary>Only the runtime constructs grains, through the factory registered with the silo.</summary>
    protected Grain()
    {
        _activation = Activation.Constructing
            ?? throw new InvalidOperationException("Grains are created by the silo, not with 'new'. Get a reference from IGrainFactory.GetGrain.");
    }

    /// <summary>The factory for calling other grains from this one.</summary>
    protected IGrainFactory GrainFactory => _activation.Silo;

    /// <summary>The silo's clock. Grains never read the system clock directly.</summary>
    protected TimeProvider TimeProvider => _activation.Silo.TimeProvider;

    internal Activation Activation => _activation;

    /// <summary>This grain's key.</summary>
    public string GetPrimaryKeyString() => _activation.Id.Key;

    /// <summary>Runs after state is loaded and before the first call is delivered.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the last turn of the activation; state the grain touched is written after it.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Asks the runtime to deactivate this activation once the current turn is done.</summary>
    protected void DeactivateOnIdle() => _activation.RequestDeactivation(DeactivationReason.ApplicationRequested);

    /// <summary>
    /// Registers a timer whose callback runs as a turn of this activation (never concurrently with
    /// a call). It stops when disposed or when the activation goes away, and it does not keep the
    /// activation alive.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _activation.RegisterTimer(callback, state, dueTime, period);
    }

    /// <summary>
    /// Sets (or with <c>null</c>, clears) this grain's single durable wake-up. It is stored, not a
    /// timer: it survives deactivation and silo restarts. The grain class must implement
    /// <see cref="IWakeUpReceiver"/>.
    /// </summary>
    protected Task SetWakeUpAsync(DateTimeOffset? dueAt)
    {
        if (this is not IWakeUpReceiver)
        {
            throw new InvalidOperationException($"{GetType().Name} must implement {nameof(IWakeUpReceiver)} to use durable wake-ups.");
        }

        return _activation.Silo.WakeUps.ScheduleAsync(_activation.Id, dueAt);
    }
}
