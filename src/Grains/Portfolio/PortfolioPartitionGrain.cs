using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Interfaces.Portfolio;

namespace CustomerSuccess.Grains.Portfolio;

/// <summary>
/// One slice of the portfolio. Customer grains push their entry only when it changes, so the
/// figures are always current without any per-event traffic. A partition holds many customers, so
/// it checkpoints on a timer and at deactivation instead of per update; customer grains re-send
/// their entry on activation, which repairs what a crash lost.
/// </summary>
public sealed class PortfolioPartitionGrain(IPersistentState<PortfolioPartitionState> state) : Grain, IPortfolioPartitionGrain
{
    /// <summary>How often a changed partition is written.</summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(5);

    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RegisterGrainTimer(static (self, _) => self.CheckpointAsync(), this, CheckpointInterval, CheckpointInterval);
        return Task.CompletedTask;
    }

    public Task UpdateAsync(PortfolioEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        state.State.Entries[entry.CustomerId] = entry;
        _dirty = true;
        return Task.CompletedTask;
    }

    private async Task CheckpointAsync()
    {
        if (_dirty)
        {
            _dirty = false;
            await state.WriteStateAsync();
        }
    }

    public Task<PortfolioFigures> GetFiguresAsync(string? segment, string? ownerId, DateTimeOffset enteredAtRiskSince) =>
        Task.FromResult(PortfolioFiguresCalculator.Figures(state.State.Entries.Values, segment, ownerId, enteredAtRiskSince));
}
