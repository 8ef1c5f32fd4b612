namespace CustomerSuccess.Grains.Interfaces.Events;

/// <summary>
/// One touchpoint as an integrator sends it. <see cref="Id"/> is the integrator's idempotency key:
/// the same id applied twice counts once.
/// </summary>
/// <remarks>
/// <c>IssueId</c>: Links contacts about the same problem across channels.<br/>
/// <c>Sentiment</c>: -1 (negative) .. 1 (positive).<br/>
/// <c>Score</c>: The survey answer (NPS 0-10, CSAT 1-5, CES 1-7).<br/>
/// <c>Reach</c>: The audience of a public (social) touchpoint.<br/>
/// <c>Value</c>: Money (purchase, payment).<br/>
/// <c>WaitSeconds</c>: Time the customer spent waiting.<br/>
/// <c>Attributes</c>: A small string map, e.g. <c>renewalDate</c> for subscription.renewal.<br/>
/// </remarks>
public sealed record TouchpointEvent(
    string Id,
    string CustomerId,
    TouchpointType Type,
    DateTimeOffset OccurredAt,
    Channel Channel = Channel.Other,
    string? IssueId = null,
    double? Sentiment = null,
    double? Score = null,
    bool Public = false,
    long Reach = 0,
    decimal? Value = null,
    double WaitSeconds = 0,
    IReadOnlyDictionary<string, string>? Attributes = null);
