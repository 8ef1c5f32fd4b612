using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Interfaces.Portfolio;

namespace CustomerSuccess.Grains.Portfolio;

/// <summary>
/// Memory mode (and any grain storage): the partition's entries are its grain state, written whole.
/// The partition changes the state's own dictionary, so a write always holds every change.
/// </summary>
public sealed class StatePortfolioEntryStore(IPersistentState<PortfolioPartitionState> state) : IPortfolioEntryStore
{
    public Task<Dictionary<string, PortfolioEntry>> LoadAsync(string partition, CancellationToken cancellationToken) =>
        Task.FromResult(state.State.Entries);

    public Task SaveAsync(string partition, IReadOnlyDictionary<string, PortfolioEntry> entries, IReadOnlyCollection<string> changed, CancellationToken cancellationToken) =>
        state.WriteStateAsync(cancellationToken);
}
