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

    /// <summary>Partial figures for the customers matching the optional segment and owner filters.</summary>
    Task<PortfolioFigures> GetFiguresAsync(string? segment, string? ownerId, DateTimeOffset enteredAtRiskSince);
}
