using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Domain.Conversations;

/// <summary>An inbound contact or public mention that has not been answered yet.</summary>
public sealed record PendingContact(
    string Id,
    DateTimeOffset At,
    Channel Channel,
    bool Public,
    long Reach,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Sentiment);

/// <summary>
/// Who is waiting for a reply. Only contacts after the latest outbound are kept; the latest outbound
/// time only grows, so an answered contact stays answered and the fold is order-independent.
/// </summary>
public sealed class ConversationState
{
    public const int KeptPending = 8;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastOutboundAt { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastOutboundId { get; set; }

    /// <summary>Unanswered inbound contacts (awaiting-reply), time-sorted.</summary>
    public List<PendingContact> Inbound { get; set; } = [];

    /// <summary>Unanswered public negative mentions (public-complaint), time-sorted.</summary>
    public List<PendingContact> PublicMentions { get; set; } = [];
}
