using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Backtest.Replay;

/// <summary>
/// A task as the replay saw it: the version that opened it (its evidence at the time), the latest
/// version, and the virtual time it was first seen. <see cref="CreatedAt"/> is the latest version's
/// creation time, which late evidence can only move earlier (when the rule's condition became true).
/// </summary>
public sealed class RecordedTask(OutreachTask first, DateTimeOffset observedAt)
{
    public OutreachTask First { get; } = first;

    public OutreachTask Latest { get; set; } = first;

    public DateTimeOffset ObservedAt { get; } = observedAt;

    public DateTimeOffset CreatedAt => Latest.CreatedAt;
}
