namespace CustomerSuccess.Api.Events;

/// <summary>
/// The documented shape of POST /v1/events, for the OpenAPI document only: the body itself is read
/// leniently by <see cref="EventBatchParser"/> so each wrong field is reported on its own.
/// </summary>
public sealed record EventBatchDocument(IReadOnlyList<TouchpointEventDocument> Events);

/// <summary>One touchpoint on the wire. <c>type</c> and <c>channel</c> take the names in DOMAIN.md ("contact.inbound", "email").</summary>
public sealed record TouchpointEventDocument(
    string Id,
    string CustomerId,
    string Type,
    DateTimeOffset OccurredAt,
    string? Channel,
    string? IssueId,
    double? Sentiment,
    double? Score,
    bool? Public,
    long? Reach,
    decimal? Value,
    double? WaitSeconds,
    IReadOnlyDictionary<string, string>? Attributes);

/// <summary>The answer to an accepted batch: new events and duplicates (seen before, or repeated in the batch).</summary>
public sealed record IngestResponse(int Accepted, int Duplicates);
