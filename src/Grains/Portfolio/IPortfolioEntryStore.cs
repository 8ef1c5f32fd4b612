using CustomerSuccess.Grains.Interfaces.Portfolio;

namespace CustomerSuccess.Grains.Portfolio;

/// <summary>
/// Where a portfolio partition keeps its customers' entries between activations. A partition holds
/// tens of thousands of entries of which a few change at a time, so a store that can write only the
/// changed ones (the portfolio_entries table in PostgreSQL mode) keeps checkpoints and restarts
/// proportional to the changes, not to the portfolio.
/// </summary>
public interface IPortfolioEntryStore
{
    /// <summary>The partition's entries by customer id. The partition keeps and changes this dictionary.</summary>
    Task<Dictionary<string, PortfolioEntry>> LoadAsync(string partition, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the entries of <paramref name="changed"/> customers, taken from <paramref name="entries"/>,
    /// which may hold only those (a partition that has not read its stored entries yet).
    /// </summary>
    Task SaveAsync(string partition, IReadOnlyDictionary<string, PortfolioEntry> entries, IReadOnlyCollection<string> changed, CancellationToken cancellationToken);
}
