namespace CustomerSuccess.Backtest.Replay;

/// <summary>How a history is replayed. The defaults suit a history of a few months.</summary>
public sealed record ReplayOptions
{
    public ReplaySettings Settings { get; init; } = new();

    /// <summary>After the last event the clock runs this much further, so deadlines pending at the end fire.</summary>
    public TimeSpan Tail { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How far out of time order the file may be. Events are held in a buffer this wide (in event time)
    /// and released in time order; an event older than what was already released is applied late, at
    /// the current clock, as live ingestion would apply a late event, and counted as late in the report.
    /// </summary>
    public TimeSpan ReorderWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Events within this much of each other (and with no deadline due between them) are applied
    /// together, the clock at the last of them: one call per customer, all customers at once. Zero
    /// replays event by event, each at its own time. A customer's events inside one step are evaluated
    /// once, so a condition that both arises and clears within a step raises no task; every deadline
    /// still fires at its exact time and task times come from the events, not from the step.
    /// </summary>
    public TimeSpan Step { get; init; } = TimeSpan.Zero;

    /// <summary>Skip bad rows (listed in the report) instead of stopping at the first.</summary>
    public bool SkipBadRows { get; init; }

    /// <summary>When profiles are applied: right after each customer's first event (default), or all before the history.</summary>
    public ProfileTiming ProfilesAt { get; init; } = ProfileTiming.AfterFirstEvent;

    /// <summary>
    /// Idle customers are deactivated after this much virtual time (their state is kept in memory
    /// storage), which bounds the resident activations of a long history.
    /// </summary>
    public TimeSpan CollectionAge { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How often task boards and portfolio partitions checkpoint, in virtual time.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromDays(1);
}

/// <summary>When the replay applies customer profiles.</summary>
public enum ProfileTiming
{
    /// <summary>
    /// Right after the customer's first event, at its time: the first score comes from the history
    /// (src/Simulation/README.md: a profile alone scores 100, and history after it reads as a drop).
    /// </summary>
    AfterFirstEvent,

    /// <summary>All profiles at the start of the history, as a system that syncs its CRM first would.</summary>
    Start,
}
