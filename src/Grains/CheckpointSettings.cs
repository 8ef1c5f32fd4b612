namespace CustomerSuccess.Grains;

/// <summary>
/// How often the aggregating grains (task boards, portfolio partitions) write what changed. Five
/// seconds of real time by default; a replay on a virtual clock that crosses months of history sets
/// it longer, because a timer that fires every five virtual seconds would cost more than the events.
/// Register an instance as a silo service to change it.
/// </summary>
public sealed record CheckpointSettings
{
    public static CheckpointSettings Default { get; } = new();

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);
}
