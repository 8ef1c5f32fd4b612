using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Events;

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

        var pending = new PendingContact(e.Id, e.OccurredAt, e.Channel, e.Public, e.Reach, e.Sentiment);
        if (IsPublicComplaint(e, settings))
        {
            InsertSorted(state.PublicMentions, pending);
        }
        else if (e.Type == TouchpointType.ContactInbound)
        {
            InsertSorted(state.Inbound, pending);
        }
    }

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
