using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// A timeline entry as stored: short JSON names and the time in Unix milliseconds, because the
/// timeline is the largest part of a customer's state (50 of these). <see cref="ToEntry"/> gives the
/// contract form.
/// </summary>
public sealed record TimelineItem(
    [property: JsonPropertyName("i")] string Id,
    [property: JsonPropertyName("y")] TouchpointType Type,
    [property: JsonPropertyName("c")] Channel Channel,
    [property: JsonPropertyName("t")] long AtMs,
    [property: JsonPropertyName("x"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IssueId = null,
    [property: JsonPropertyName("s"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Sentiment = null,
    [property: JsonPropertyName("n"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Score = null)
{
    public static TimelineItem From(TouchpointEvent e) =>
        new(e.Id, e.Type, e.Channel, e.OccurredAt.ToUnixTimeMilliseconds(), e.IssueId, e.Sentiment, e.Score);

    public TimelineEntry ToEntry() =>
        new(Id, Type, Channel, DateTimeOffset.FromUnixTimeMilliseconds(AtMs), IssueId, Sentiment, Score);
}
