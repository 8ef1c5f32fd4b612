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
        var windows = Windows(now);
        var queries = new Task<PortfolioFigures>[PortfolioPartitions.Count];
        for (var p = 0; p < queries.Length; p++)
        {
            queries[p] = Partition(p).GetFiguresAsync(segment, ownerId, windows);
        }

        var partials = await Task.WhenAll(queries);
        return PortfolioFiguresCalculator.Sum(partials, segment, ownerId, now);
    }

    public async Task<IReadOnlyList<PortfolioSnapshot>> GetSnapshotsOfEveryScopeAsync()
    {
        var now = TimeProvider.GetUtcNow();
        var windows = Windows(now);
        var queries = new Task<IReadOnlyDictionary<PortfolioScope, PortfolioFigures>>[PortfolioPartitions.Count];
        for (var p = 0; p < queries.Length; p++)
        {
            queries[p] = Partition(p).GetFiguresOfEveryScopeAsync(windows);
        }

        var byScope = new Dictionary<PortfolioScope, List<PortfolioFigures>>();
        foreach (var partial in await Task.WhenAll(queries))
        {
            foreach (var (scope, figures) in partial)
            {
                if (!byScope.TryGetValue(scope, out var parts))
                {
                    byScope[scope] = parts = [];
                }

                parts.Add(figures);
            }
        }

        // The whole first, then by segment, by CSM, and by both, each in name order: stable for readers.
        var scopes = byScope.Keys.ToList();
        scopes.Sort(static (a, b) =>
        {
            var byKind = Kind(a).CompareTo(Kind(b));
            return byKind != 0 ? byKind
                : string.CompareOrdinal(a.Segment, b.Segment) is var bySegment and not 0 ? bySegment
                : string.CompareOrdinal(a.OwnerId, b.OwnerId);
        });
        var snapshots = new List<PortfolioSnapshot>(scopes.Count);
        foreach (var scope in scopes)
        {
            snapshots.Add(PortfolioFiguresCalculator.Sum(byScope[scope], scope.Segment, scope.OwnerId, now));
        }

        return snapshots;
    }

    private IPortfolioPartitionGrain Partition(int p) => GrainFactory.GetGrain<IPortfolioPartitionGrain>(PortfolioPartitions.Key(p));

    private static int Kind(PortfolioScope scope) => (scope.Segment is null ? 0 : 1) + (scope.OwnerId is null ? 0 : 2);

    private static PortfolioWindows Windows(DateTimeOffset now) =>
        new(now - EnteredAtRiskWindow, now - NpsWindow, now - OutreachWindow, now - ChurnWindow);
}
