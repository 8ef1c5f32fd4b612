using CustomerSuccess.Grains.Interfaces.Customers;

namespace CustomerSuccess.Backtest.Replay;

/// <summary>What a replay saw and did: the input's figures, every task, and the outcomes to measure the tasks against.</summary>
public sealed record ReplayResult(
    long Events,
    long LateEvents,
    long Duplicates,
    IReadOnlyList<BadRow> BadRows,
    long BadRowCount,
    int Customers,
    IReadOnlyDictionary<string, CustomerProfile> Profiles,
    DateTimeOffset? FirstEventAt,
    DateTimeOffset? LastEventAt,
    DateTimeOffset ClockEndedAt,
    long DeadlinesFired,
    IReadOnlyList<RecordedTask> Tasks,
    OutcomeTracker Outcomes);
