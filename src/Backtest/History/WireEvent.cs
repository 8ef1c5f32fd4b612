namespace CustomerSuccess.Backtest.History;

/// <summary>
/// An event as it is written in a history file: the fields of POST /v1/events (docs/API.md), by their
/// wire names, before validation. Both formats fill it; <see cref="WireEventValidator"/> turns it into an event.
/// </summary>
public sealed class WireEvent
{
    public string? Id { get; set; }
    public string? CustomerId { get; set; }
    public string? Type { get; set; }
    public string? OccurredAt { get; set; }
    public string? Channel { get; set; }
    public string? IssueId { get; set; }
    public double? Sentiment { get; set; }
    public double? Score { get; set; }
    public bool? Public { get; set; }
    public long? Reach { get; set; }
    public decimal? Value { get; set; }
    public double? WaitSeconds { get; set; }
    public Dictionary<string, string>? Attributes { get; set; }

    /// <summary>The wire field names, in the order the CSV writer puts them (attributes follow as "attributes.name").</summary>
    public static readonly string[] FieldNames =
        ["id", "customerId", "type", "occurredAt", "channel", "issueId", "sentiment", "score", "public", "reach", "value", "waitSeconds"];
}
