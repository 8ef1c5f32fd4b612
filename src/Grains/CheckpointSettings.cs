namespace CustomerSuccess.Grains;

/// <summary>
/// How often the aggregating grains (task boards, portfolio partitions) write what changed. Five
/// seconds of real time by default; a replay on a virtual clock that crosses months of history sets
/// it longer, because a timer that fires every five virtual seconds would cost more than the events.
/// <see cref="OnlyAtDeactivation"/> keeps no timer, for storage that dies with the process anyway.
/// Register an instance as a silo service to change it.
/// </summary>
public sealed record CheckpointSettings
{
    public static CheckpointSettings Default { get; } = new();

    /// <summary>
    /// Writes only when the runtime deactivates the grain. For the engine's memory mode, whose storage
    /// is gone with the process: a timer's writes would survive nothing a deactivation's do not, and
    /// serialising every board and partition every few seconds was a tenth of its CPU under load.
    /// </summary>
    public static CheckpointSettings OnlyAtDeactivation { get; } = new() { Interval = Timeout.InfiniteTimeSpan };

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the aggregating grains write on a timer at all.</summary>
    public bool HasTimer => Interval != Timeout.InfiniteTimeSpan;
}
