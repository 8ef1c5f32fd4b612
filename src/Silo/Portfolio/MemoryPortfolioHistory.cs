using System.Collections.Concurrent;
using CustomerSuccess.Grains.Interfaces.Portfolio;

namespace CustomerSuccess.Silo.Portfolio;

/// <summary>Memory mode: the days recorded since this process started.</summary>
public sealed class MemoryPortfolioHistory : IPortfolioHistory
{
    private readonly ConcurrentDictionary<DateOnly, PortfolioSnapshot> _days = new();

    public Task RecordAsync(DateOnly day, PortfolioSnapshot snapshot, CancellationToken cancellationToken)
    {
        _days[day] = snapshot;
        foreach (var old in _days.Keys)
        {
            if (old.DayNumber <= day.DayNumber - IPortfolioHistory.MaxDays)
            {
                _days.TryRemove(old, out _);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(DateOnly Day, PortfolioSnapshot Snapshot)>> BetweenAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(DateOnly, PortfolioSnapshot)>>(
            [.. _days.Where(d => d.Key >= from && d.Key <= to).OrderBy(d => d.Key).Select(d => (d.Key, d.Value))]);
}
