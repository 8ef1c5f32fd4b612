using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Portfolio;

namespace CustomerSuccess.Grains.Portfolio;

/// <summary>Sums the partitions' figures on each query; holds no state of its own.</summary>
public sealed class PortfolioGrain : Grain, IPortfolioGrain
{
    /// <summary>"Entered at risk this week".</summary>
    public static readonly TimeSpan EnteredAtRiskWindow = TimeSpan.FromDays(7);

    /// <summary>
    /// How old a customer's latest NPS answer may be and still count in the portfolio's NPS: a year,
    /// the usual relationship-survey cycle. An answer from years ago says little about the customer now.
    /// </summary>
    public static readonly TimeSpan NpsWindow = TimeSpan.FromDays(365);

    /// <summary>"How fast outreach happens": over the tasks completed in the last 30 days.</summary>
    public static readonly TimeSpan OutreachWindow = TimeSpan.FromDays(30);

    /// <summary>"What we lost this month": the customers that cancelled in the last 30 days.</summary>
    public static readonly TimeSpan ChurnWindow = TimeSpan.FromDays(30);

    public async Task<PortfolioSnapshot> GetSnapshotAsync(string? segment = null, string? ownerId = null)
    {
        var now = TimeProvider.GetUtcNow();
        var windows = new PortfolioWindows(now - EnteredAtRiskWindow, now - NpsWindow, now - OutreachWindow, now - ChurnWindow);
        var queries = new Task<PortfolioFigures>[PortfolioPartitions.Count];
        for (var p = 0; p < queries.Length; p++)
        {
            queries[p] = GrainFactory.GetGrain<IPortfolioPartitionGrain>(PortfolioPartitions.Key(p))
                .GetFiguresAsync(segment, ownerId, windows);
        }

        var partials = await Task.WhenAll(queries);
        return PortfolioFiguresCalculator.Sum(partials, segment, ownerId, now);
    }
}
