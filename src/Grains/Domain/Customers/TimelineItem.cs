using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// One item of a <see cref="Timeline"/> in readable form (the timeline stores its items packed and
/// builds these on demand), with the time in Unix milliseconds as stored.
/// <see cref="ToEntry"/> gives the contract form.
/// </summary>
public readonly struct TimelineItem : IEquatable<TimelineItem>
{
    private const byte HasSentiment = 1;
    private const byte HasScore = 2;

    private readonly double _sentiment;
    private readonly double _score;
    private readonly byte _type;
    private readonly byte _channel;
    private readonly byte _flags;

    [JsonConstructor]
    public TimelineItem(string id, TouchpointType type, Channel channel, long atMs, string? issueId = null, double? sentiment = null, double? score = null)
    {
        Id = id;
        _type = checked((byte)type);
        _channel = checked((byte)channel);
        AtMs = atMs;
        IssueId = issueId;
        _sentiment = sentiment ?? 0;
        _score = score ?? 0;
        _flags = (byte)((sentiment is null ? 0 : HasSentiment) | (score is null ? 0 : HasScore));
    }

    [JsonPropertyName("i")]
    public string Id { get; }

    [JsonPropertyName("y")]
    public TouchpointType Type => (TouchpointType)_type;

    [JsonPropertyName("c")]
    public Channel Channel => (Channel)_channel;

    [JsonPropertyName("t")]
    public long AtMs { get; }

    [JsonPropertyName("x"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IssueId { get; }

    [JsonPropertyName("s"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Sentiment => (_flags & HasSentiment) != 0 ? _sentiment : null;

    [JsonPropertyName("n"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Score => (_flags & HasScore) != 0 ? _score : null;

    public static TimelineItem From(TouchpointEvent e) =>
        new(e.Id, e.Type, e.Channel, e.OccurredAt.ToUnixTimeMilliseconds(), e.IssueId, e.Sentiment, e.Score);

    public TimelineEntry ToEntry() =>
        new(Id, Type, Channel, DateTimeOffset.FromUnixTimeMilliseconds(AtMs), IssueId, Sentiment, Score);

    public bool Equals(TimelineItem other) =>
        Id == other.Id && _type == other._type && _channel == other._channel && AtMs == other.AtMs && IssueId == other.IssueId
        && Sentiment == other.Sentiment && Score == other.Score;

    public override bool Equals(object? obj) => obj is TimelineItem other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Id, AtMs);

    public static bool operator ==(TimelineItem left, TimelineItem right) => left.Equals(right);

    public static bool operator !=(TimelineItem left, TimelineItem right) => !left.Equals(right);
}
