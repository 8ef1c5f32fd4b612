using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Domain.Effort;

/// <summary>A contact remembered as evidence.</summary>
public sealed record ContactRef(string Id, DateTimeOffset At, Channel Channel);

/// <summary>
/// The effort ledger of one issue, folded order-independently: minima, maxima, sums, a channel
/// bitmask and the earliest contacts (sorted), so any delivery order yields the same ledger.
/// </summary>
[JsonConverter(typeof(IssueStateJsonConverter))]
public sealed class IssueState
{
    public const int KeptContacts = 8;

    public string Id { get; set; } = "";

    public DateTimeOffset FirstAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? ReopenedAt { get; set; }

    public int Contacts { get; set; }

    public int ChannelMask { get; set; }

    public double WaitSeconds { get; set; }

    public DateTimeOffset? LastInboundAt { get; set; }

    public DateTimeOffset? LastOutboundAt { get; set; }

    /// <summary>The earliest inbound contacts, time-sorted (the first two decide when the rule fired).</summary>
    public List<ContactRef> EarliestContacts { get; set; } = [];

    /// <summary>
    /// Open from its first event until resolved; reopened explicitly or by the customer contacting
    /// about it again after the resolution (the problem evidently is not gone).
    /// </summary>
    public bool IsOpen => ResolvedAt is not { } resolved || ReopenedAt > resolved || LastInboundAt > resolved;

    public int ChannelCount => System.Numerics.BitOperations.PopCount((uint)ChannelMask);

    /// <summary>When the issue is no longer open, for cap eviction; open issues sort last.</summary>
    public DateTimeOffset ClosedSortKey => IsOpen ? DateTimeOffset.MaxValue : ResolvedAt!.Value;
}
