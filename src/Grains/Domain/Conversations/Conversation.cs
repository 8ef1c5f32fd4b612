using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Conversations;

/// <summary>Folds contacts and mentions into <see cref="ConversationState"/>.</summary>
public static class Conversation
{
    /// <summary>
    /// A public negative touchpoint (a social mention, or an inbound contact marked public) is a
    /// public complaint. Public-complaint wins over awaiting-reply for it: it is the more urgent
    /// rule, and one unanswered post must not put two tasks on the CSM's list.
    /// </summary>
    public static bool IsPublicComplaint(TouchpointEvent e, RuleSettings settings) =>
        e.Public && e.Sentiment is { } sentiment && sentiment <= settings.ComplaintSentiment
        && e.Type is TouchpointType.SocialMention or TouchpointType.ContactInbound;

    public static void Apply(ConversationState state, TouchpointEvent e, RuleSettings settings)
    {
        if (e.Type == TouchpointType.ContactOutbound)
        {
            if (state.LastOutboundAt is not { } last || e.OccurredAt > last)
            {
                state.LastOutboundAt = e.OccurredAt;
                state.LastOutboundId = e.Id;
                DropAnswered(state.Inbound, e.OccurredAt);
                DropAnswered(state.PublicMentions, e.OccurredAt);
            }

            return;
        }

        if (state.LastOutboundAt is { } answered && e.OccurredAt <= answered)
        {
            return;
        }

        if (IsPublicComplaint(e, settings))
        {
            if (state.MentionsHandledAt is not { } handled || e.OccurredAt > handled)
            {
                InsertSorted(state.PublicMentions, Pending(e));
            }
        }
        else if (e.Type == TouchpointType.ContactInbound)
        {
            if (state.InboundHandledAt is not { } handled || e.OccurredAt > handled)
            {
                InsertSorted(state.Inbound, Pending(e));
            }
        }
    }

    /// <summary>
    /// A CSM marked the rule's task done at <paramref name="at"/>: the contacts it waited on are
    /// handled, and so is any contact of its list reported later that happened before then. Contacts
    /// after it are new and raise a task of their own. The other list is untouched: answering a
    /// private contact says nothing about a public post, nor the reverse.
    /// </summary>
    public static void MarkHandled(ConversationState state, RuleId rule, DateTimeOffset at)
    {
        if (rule == RuleId.AwaitingReply && (state.InboundHandledAt is not { } inbound || at > inbound))
        {
            state.InboundHandledAt = at;
            DropAnswered(state.Inbound, at);
        }
        else if (rule == RuleId.PublicComplaint && (state.MentionsHandledAt is not { } mentions || at > mentions))
        {
            state.MentionsHandledAt = at;
            DropAnswered(state.PublicMentions, at);
        }
    }

    private static PendingContact Pending(TouchpointEvent e) => new(e.Id, e.OccurredAt, e.Channel, e.Public, e.Reach, e.Sentiment);

    private static void DropAnswered(List<PendingContact> pending, DateTimeOffset answeredAt)
    {
        var answered = 0;
        while (answered < pending.Count && pending[answered].At <= answeredAt)
        {
            answered++;
        }

        pending.RemoveRange(0, answered);
    }

    // Keeps the earliest unanswered ones: they decide the deadline; later ones only add priority.
    private static void InsertSorted(List<PendingContact> pending, PendingContact contact)
    {
        var index = pending.Count;
        while (index > 0 && (pending[index - 1].At > contact.At
            || (pending[index - 1].At == contact.At && string.CompareOrdinal(pending[index - 1].Id, contact.Id) > 0)))
        {
            index--;
        }

        if (index >= ConversationState.KeptPending)
        {
            return;
        }

        pending.Insert(index, contact);
        if (pending.Count > ConversationState.KeptPending)
        {
            pending.RemoveAt(pending.Count - 1);
        }
    }
}
