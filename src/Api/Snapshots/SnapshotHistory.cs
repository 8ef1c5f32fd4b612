using System.Collections.Concurrent;
using CustomerSuccess.Grains.Interfaces.Portfolio;

namespace CustomerSuccess.Api.Snapshots;

/// <summary>
/// The whole portfolio's snapshot as it stood at the end of each UTC day, kept in memory by
/// <see cref="SnapshotRecorder"/>. It starts empty at every restart: durable history is meant to come
/// with PostgreSQL mode (a table written by the same recorder).
/// </summary>
public sealed class SnapshotHistory
{
    public const int MaxDays = 366;

    private readonly ConcurrentDictionary<DateOnly, PortfolioSnapshot> _days = new();

    public void Record(DateOnly day, PortfolioSnapshot snapshot)
    {
        _days[day] = snapshot;
        foreach (var old in _days.Keys.Where(d => d.DayNumber <= day.DayNumber - MaxDays))
        {
            _days.TryRemove(old, out _);
        }
    }

    /// <summary>Recorded days from <paramref name="from"/> to <paramref name="to"/> inclusive, oldest first.</summary>
    public IReadOnlyList<(DateOnly Day, PortfolioSnapshot Snapshot)> Between(DateOnly from, DateOnly to) =>
        [.. _days.Where(d => d.Key >= from && d.Key <= to).OrderBy(d => d.Key).Select(d => (d.Key, d.Value))];
}
