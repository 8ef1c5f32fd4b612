using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Persistence;

namespace CustomerSuccess.Grains;

/// <summary>
/// A grain that aggregates many customers (a CSM's task board, a portfolio partition): rewriting
/// it on every change would cost a write per customer update, so it writes on a timer when it has
/// changed, and the runtime writes it at deactivation. Customer grains own the truth and re-send
/// their part when they activate, which repairs whatever a crash lost in between.
/// </summary>
public abstract class PeriodicCheckpointGrain<TState> : Grain where TState : new()
{
    private readonly TimeSpan _interval;
    private bool _changed;

    /// <param name="state">The aggregate's state.</param>
    /// <param name="checkpoints">How often a changed aggregate is written (default: <see cref="CheckpointSettings.Default"/>).</param>
    protected PeriodicCheckpointGrain(IPersistentState<TState> state, CheckpointSettings? checkpoints = null)
    {
        Persisted = state;
        _interval = (checkpoints ?? CheckpointSettings.Default).Interval;
    }

    protected IPersistentState<TState> Persisted { get; }

    /// <summary>The aggregate changed; the next checkpoint writes it.</summary>
    protected void MarkChanged() => _changed = true;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RegisterGrainTimer(static (self, _) => self.CheckpointAsync(), this, _interval, _interval);
        return Task.CompletedTask;
    }

    private async Task CheckpointAsync()
    {
        if (_changed)
        {
            _changed = false;
            await Persisted.WriteStateAsync();
        }
    }
}
