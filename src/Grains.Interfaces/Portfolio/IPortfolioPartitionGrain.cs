using CustomerSuccess.Actors;

namespace CustomerSuccess.Grains.Interfaces.Portfolio;

/// <summary>
/// Holds the portfolio entries of the customers whose id hashes to this partition (key: "0".."15").
/// Customers report changes; queries read partial figures.
/// </summary>
public interface IPortfolioPartitionGrain : IGrainWithStringKey
{
    /// <summary>Stores (replaces) a customer's entry.</summary>
    /// <remarks>Interleaves: it never awaits, so it may run while the partition writes its checkpoint.</remarks>
    [AlwaysInterleave]
    Task UpdateAsync(PortfolioEntry entry);

    /// <summary>
    /// Writes the changed entries now, where the partition writes on a timer (PostgreSQL mode): a
    /// customer whose state was just written outside a checkpoint, and the log checkpointer before it
    /// stores a watermark, must not leave behind an entry that only the partition's memory holds. A
    /// crash would lose it, and a customer that is not replayed never sends it again.
    /// </summary>
    Task SaveAsync();

    /// <summary>Partial figures for the customers matching the optional segment and owner filters.</summary>
    Task<PortfolioFigures> GetFiguresAsync(string? segment, string? ownerId, PortfolioWindows windows);

    /// <summary>
    /// Partial figures of every scope this partition's customers fall in (the whole, each segment, each
    /// CSM, each CSM within each segment), from one pass over its entries.
    /// </summary>
    Task<IReadOnlyDictionary<PortfolioScope, PortfolioFigures>> GetFiguresOfEveryScopeAsync(PortfolioWindows windows);
}
