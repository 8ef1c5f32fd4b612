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
public sealed class PortfolioPartitionGrain(IPersistentState<PortfolioPartitionState> state, CheckpointSettings? checkpoints = null)
    : PeriodicCheckpointGrain<PortfolioPartitionState>(state, checkpoints), IPortfolioPartitionGrain
{
    public Task UpdateAsync(PortfolioEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Persisted.State.Entries[entry.CustomerId] = entry;
        MarkChanged();
        return Task.CompletedTask;
    }

    public Task<PortfolioFigures> GetFiguresAsync(string? segment, string? ownerId, DateTimeOffset enteredAtRiskSince) =>
        Task.FromResult(PortfolioFiguresCalculator.Figures(Persisted.State.Entries.Values, segment, ownerId, enteredAtRiskSince));
}
