using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Interfaces.Portfolio;

namespace CustomerSuccess.Grains.Portfolio;

/// <summary>
/// One slice of the portfolio. Customer grains push their entry only when it changes, so the
/// figures are always current without any per-event traffic.
/// </summary>
public sealed class PortfolioPartitionGrain(IPersistentState<PortfolioPartitionState> state) : Grain, IPortfolioPartitionGrain
{
    public async Task UpdateAsync(PortfolioEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        state.State.Entries[entry.CustomerId] = entry;
        await state.WriteStateAsync();
    }

    public Task<PortfolioFigures> GetFiguresAsync(string? segment, string? ownerId, DateTimeOffset enteredAtRiskSince) =>
        Task.FromResult(PortfolioFiguresCalculator.Figures(state.State.Entries.Values, segment, ownerId, enteredAtRiskSince));
}
