using CustomerSuccess.Backtest.Replay;

namespace CustomerSuccess.Backtest.Reporting;

/// <summary>
/// What a backtest found, as written to report.json (report.md shows the same). Everything in it is
/// a function of the input and the settings: no run times, no machine, so the same input gives the
/// same bytes.
/// </summary>
public sealed record BacktestReport(
    ReportInput Input,
    ReplaySettings Settings,
    TaskFigures Tasks,
    OutcomeFigures Cancellations,
    OutcomeFigures RepeatContacts,
    IReadOnlyList<BadRow> SkippedRows);

/// <summary>The history as replayed. Times are UTC.</summary>
public sealed record ReportInput(
    string History,
    string? Profiles,
    long Events,
    long Duplicates,
    long LateEvents,
    long SkippedRows,
    int Customers,
    int ProfilesApplied,
    string ProfilesAt,
    DateTimeOffset? FirstEventAt,
    DateTimeOffset? LastEventAt,
    DateTimeOffset ClockEndedAt,
    long DeadlinesFired,
    string Tail,
    string ReorderWindow,
    string Step);

/// <summary>
/// Tasks opened, by the week of their creation time (weeks start on Monday, UTC): the attention
/// budget each rule costs, in total and per CSM ("unassigned" for customers without one).
/// </summary>
public sealed record TaskFigures(
    int Total,
    int Customers,
    IReadOnlyList<string> Rules,
    IReadOnlyList<int> ByRule,
    IReadOnlyList<string> Owners,
    IReadOnlyList<WeekCounts> ByRuleWeek,
    IReadOnlyList<WeekCounts> ByOwnerWeek,
    int OpenedAfterLastEvent);

/// <summary>One week's counts; <see cref="Counts"/> follows the order of the rules (or owners) list.</summary>
public sealed record WeekCounts(string Week, IReadOnlyList<int> Counts, int Total);

/// <summary>
/// How many customers with the outcome (cancelled; contacted again about a still-open issue) had a
/// task before it, and how long before (from the earliest such task).
/// </summary>
public sealed record OutcomeFigures(
    string Definition,
    int Customers,
    int WithTaskBefore,
    double? ShareWithTaskBefore,
    double? MedianLeadHours,
    IReadOnlyList<LeadBucket> LeadTimes,
    IReadOnlyList<RuleCount> FirstWarningRule,
    IReadOnlyList<OutcomeCase> Cases);

public sealed record LeadBucket(string Range, int Customers);

public sealed record RuleCount(string Rule, int Customers);

/// <summary>One customer's outcome and the first task before it (null when none).</summary>
public sealed record OutcomeCase(string CustomerId, DateTimeOffset At, string? TaskId, string? Rule, double? LeadHours);
