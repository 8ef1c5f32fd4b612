using System.Collections.Concurrent;
using CustomerSuccess.Grains.Interfaces.Portfolio;

namespace CustomerSuccess.Silo.Portfolio;

/// <summary>Memory mode: the days recorded since this process started.</summary>
public sealed class MemoryPortfolioHistory : IPortfolioHistory
{
    private readonly ConcurrentDictionary<DateOnly, Dictionary<PortfolioScope, PortfolioSnapshot>> _days = new();

    public Task RecordAsync(DateOnly day, IReadOnlyList<PortfolioSnapshot> snapshots, CancellationToken cancellationToken)
    {
        var byScope = new Dictionary<PortfolioScope, PortfolioSnapshot>(snapshots.Count);
        foreach (var snapshot in snapshots)
        {
            byScope[new PortfolioScope(snapshot.Segment, snapshot.OwnerId)] = snapshot;
        }

        // Replaced whole and never changed after: readers on other threads see one day or the other.
        _days[day] = byScope;
        foreach (var old in _days.Keys)
        {
            if (old.DayNumber <= day.DayNumber - IPortfolioHistory.MaxDays)
            {
                _days.TryRemove(old, out _);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(DateOnly Day, PortfolioSnapshot Snapshot)>> BetweenAsync(DateOnly from, DateOnly to, PortfolioScope scope, CancellationToken cancellationToken)
    {
        var points = new List<(DateOnly, PortfolioSnapshot)>();
        foreach (var (day, byScope) in _days)
        {
            if (day >= from && day <= to && byScope.TryGetValue(scope, out var snapshot))
            {
                points.Add((day, snapshot));
            }
        }

        points.Sort(static (a, b) => a.Item1.CompareTo(b.Item1));
        return Task.FromResult<IReadOnlyList<(DateOnly, PortfolioSnapshot)>>(points);
    }
}
