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

/// <summary>A logged reply (contact.outbound) that answered waiting contacts.</summary>
public readonly record struct AnsweringReply(string Id, DateTimeOffset At);

/// <summary>
/// Per list, the reply among the events being evaluated that answered the contact the live
/// awaiting-reply (<see cref="Inbound"/>) or public-complaint (<see cref="Mentions"/>) task is keyed by
/// (only one reply can: it answers the contact for good), so a batch credits the same reply as the
/// batches it could be split into. A task that closes without one closed because its deadline moved
/// (a longer reply window after a restart, a reply to other contacts while its own stopped being
/// overdue), which is no answer.
/// </summary>
public sealed class AnsweredReplies
{
    public AnsweringReply? Inbound { get; set; }

    public AnsweringReply? Mentions { get; set; }
}

/// <summary>
/// Who is waiting for a reply. Only contacts after the latest outbound, and after the list's handled
/// mark (a CSM marked its task done), are kept; those times only grow, so an answered contact stays
/// answered and the fold is order-independent as long as no list is full.
/// </summary>
/// <remarks>
/// <see cref="KeptPending"/> bounds each list against a flood of contacts. A contact left out of a full
/// list is lost, and it matters when a reply reported late answers the contacts that filled the list
/// (a chat of a dozen messages whose reply the helpdesk reports an hour late), or when its channel's
/// shorter window makes it the first to expire. With a bound of 8 both happened in ordinary
/// conversations; with 64 only a customer with more unanswered contacts than that can lose one. A task
/// cites at most <see cref="CitedPending"/> of them; its reason counts all the kept ones.
/// </remarks>
public sealed class ConversationState
{
    public const int KeptPending = 64;

    public const int CitedPending = 8;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastOutboundAt { get; set; }

    /// <summary>
    /// Up to when inbound contacts are handled: a CSM marked an awaiting-reply task done, having
    /// answered outside the channels the engine hears; the newest contact that task waited on.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? InboundHandledAt { get; set; }

    /// <summary>Up to when public mentions are handled, as <see cref="InboundHandledAt"/> for public-complaint.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? MentionsHandledAt { get; set; }

    /// <summary>
    /// The replies, among the events being evaluated, that answered live tasks' contacts; null when
    /// none did, as nearly always. Not stored: every evaluation forgets them (<see cref="Conversation.ForgetAnswers"/>).
    /// An object of its own, so a resident customer pays one reference for it.
    /// </summary>
    [JsonIgnore]
    public AnsweredReplies? Answered { get; set; }

    /// <summary>Unanswered inbound contacts (awaiting-reply), time-sorted.</summary>
    public List<PendingContact> Inbound { get; set; } = [];

    /// <summary>Unanswered public negative mentions (public-complaint), time-sorted.</summary>
    public List<PendingContact> PublicMentions { get; set; } = [];
}
