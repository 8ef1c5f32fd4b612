using CustomerSuccess.Grains.Interfaces.Portfolio;

namespace CustomerSuccess.Silo.Portfolio;

/// <summary>
/// The portfolio's closing snapshots of each UTC day, for trends (one point per day): the whole
/// portfolio's and those of every segment, CSM and CSM within a segment, so each filter of the live
/// snapshot has its trend.
/// </summary>
public interface IPortfolioHistory
{
    /// <summary>How many days are kept.</summary>
    public const int MaxDays = 366;

    /// <summary>
    /// Records the day's snapshots, one per scope (each names its segment and CSM), replacing whatever
    /// the day held: a scope no longer in the list (a CSM left with neither customers nor tasks
    /// completed in the outreach window) has no point that day. Days older than <see cref="MaxDays"/>
    /// before it go.
    /// </summary>
    Task RecordAsync(DateOnly day, IReadOnlyList<PortfolioSnapshot> snapshots, CancellationToken cancellationToken);

    /// <summary>
    /// The scope's recorded days from <paramref name="from"/> to <paramref name="to"/> inclusive, oldest
    /// first; the whole portfolio's when both filters are null.
    /// </summary>
    Task<IReadOnlyList<(DateOnly Day, PortfolioSnapshot Snapshot)>> BetweenAsync(DateOnly from, DateOnly to, PortfolioScope scope, CancellationToken cancellationToken);
}
