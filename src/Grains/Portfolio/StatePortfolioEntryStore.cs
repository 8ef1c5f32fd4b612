using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Interfaces.Portfolio;

namespace CustomerSuccess.Grains.Portfolio;

/// <summary>
/// Memory mode (and any grain storage): the partition's entries are its grain state, written whole.
/// Once loaded, the partition changes the state's own dictionary; before, its changes are copied in.
/// </summary>
public sealed class StatePortfolioEntryStore(IPersistentState<PortfolioPartitionState> state) : IPortfolioEntryStore
{
    public Task<Dictionary<string, PortfolioEntry>> LoadAsync(string partition, CancellationToken cancellationToken) =>
        Task.FromResult(state.State.Entries);

    public Task SaveAsync(string partition, IReadOnlyDictionary<string, PortfolioEntry> entries, IReadOnlyCollection<string> changed, CancellationToken cancellationToken)
    {
        var stored = state.State.Entries;
        if (!ReferenceEquals(entries, stored))
        {
            foreach (var customerId in changed)
            {
                stored[customerId] = entries[customerId];
            }
        }

        return state.WriteStateAsync(cancellationToken);
    }
}
