using CustomerSuccess.Actors;

namespace CustomerSuccess.Grains.Interfaces.Portfolio;

/// <summary>
/// The executives' view of the whole portfolio (any key; "all" by convention). Stateless: it sums
/// the partition grains on every query, so it is always current.
/// </summary>
public interface IPortfolioGrain : IGrainWithStringKey
{
    /// <summary>The figures for all customers, or one segment and/or one CSM.</summary>
    Task<PortfolioSnapshot> GetSnapshotAsync(string? segment = null, string? ownerId = null);
}
