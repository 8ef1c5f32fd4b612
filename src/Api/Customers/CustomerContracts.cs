using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Api.Customers;

/// <summary>GET /v1/customers/{id}: what a CSM needs to judge a customer at a glance.</summary>
public sealed record CustomerView(
    string Id,
    CustomerProfile Profile,
    HealthView Health,
    IReadOnlyList<IssueView> OpenIssues,
    IReadOnlyList<OutreachTask> OpenTasks);

/// <summary>Score and band are null until some component has data.</summary>
public sealed record HealthView(int? Score, HealthBand? Band, DateTimeOffset At, IReadOnlyList<ComponentScore> Components, HealthTrend Trend);

/// <summary>
/// How the score moved over the last <see cref="Days"/> days: <see cref="Change"/> is null when there
/// was no score at the start of the window.
/// </summary>
public sealed record HealthTrend(string Direction, int? Change, int Days);

/// <summary>An open issue and the effort it has cost the customer so far.</summary>
public sealed record IssueView(
    string IssueId,
    DateTimeOffset OpenedAt,
    double AgeHours,
    int Contacts,
    IReadOnlyList<string> Channels,
    double TotalWaitSeconds,
    DateTimeOffset? LastInboundAt,
    DateTimeOffset? LastOutboundAt,
    IReadOnlyList<string> ContactEventIds);

/// <summary>One recorded score change: from, to and why.</summary>
public sealed record ScoreChangeView(DateTimeOffset At, int? From, int To, int? Change, string Cause);

/// <summary>GET /v1/customers/{id}/history.</summary>
public sealed record ScoreHistoryView(string CustomerId, IReadOnlyList<ScoreChangeView> Changes);

/// <summary>One touchpoint on the timeline, with the wire names of its type and channel.</summary>
public sealed record TimelineEntryView(
    string EventId, string Type, string Channel, DateTimeOffset OccurredAt, string? IssueId, double? Sentiment, double? Score);

/// <summary>A page of the timeline, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record TimelineView(string CustomerId, IReadOnlyList<TimelineEntryView> Entries, int Total, string? NextCursor);
