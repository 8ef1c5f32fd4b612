using CustomerSuccess.Grains.Interfaces.Portfolio;

namespace CustomerSuccess.Silo.Portfolio;

/// <summary>The portfolio's closing snapshot of each UTC day, for trends (one point per day).</summary>
public interface IPortfolioHistory
{
    /// <summary>How many days are kept.</summary>
    public const int MaxDays = 366;

    /// <summary>Records (or replaces) the day's snapshot.</summary>
    Task RecordAsync(DateOnly day, PortfolioSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>Recorded days from <paramref name="from"/> to <paramref name="to"/> inclusive, oldest first.</summary>
    Task<IReadOnlyList<(DateOnly Day, PortfolioSnapshot Snapshot)>> BetweenAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
