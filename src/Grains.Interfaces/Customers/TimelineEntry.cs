using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Interfaces.Customers;

/// <summary>One touchpoint on the customer's cross-channel timeline.</summary>
public sealed record TimelineEntry(
    string EventId,
    TouchpointType Type,
    Channel Channel,
    DateTimeOffset OccurredAt,
    string? IssueId,
    double? Sentiment,
    double? Score);

/// <summary>A page of the timeline, newest first. <see cref="Total"/> is how many entries are kept.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Entries, int Total);
