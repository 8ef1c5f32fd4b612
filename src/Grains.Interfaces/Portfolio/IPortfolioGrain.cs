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

    /// <summary>
    /// The snapshot of every scope the filters of <see cref="GetSnapshotAsync"/> can ask for and that
    /// has customers or tasks completed within the outreach window: the whole portfolio first, then each segment, each CSM and each
    /// CSM within each segment. What the daily history records, so every filter has its trend.
    /// </summary>
    Task<IReadOnlyList<PortfolioSnapshot>> GetSnapshotsOfEveryScopeAsync();
}
