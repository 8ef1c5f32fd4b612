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

    // liveKeys: the contact each rule's live task is keyed by (TaskBookState.LiveKeys); a reply that
    // answers it is the one that answers that task.
    public static void Apply(ConversationState state, TouchpointEvent e, RuleSettings settings, IReadOnlyList<string?> liveKeys)
    {
        if (e.Type == TouchpointType.ContactOutbound)
        {
            if (state.LastOutboundAt is not { } last || e.OccurredAt > last)
            {
                state.LastOutboundAt = e.OccurredAt;
                if (DropAnswered(state.Inbound, e.OccurredAt, liveKeys[(int)RuleId.AwaitingReply]))
                {
                    (state.Answered ??= new()).Inbound = new AnsweringReply(e.Id, e.OccurredAt);
                }

                if (DropAnswered(state.PublicMentions, e.OccurredAt, liveKeys[(int)RuleId.PublicComplaint]))
                {
                    (state.Answered ??= new()).Mentions = new AnsweringReply(e.Id, e.OccurredAt);
                }
            }

            return;
        }

        if (!After(state.LastOutboundAt, e.OccurredAt))
        {
            return;
        }

        if (IsPublicComplaint(e, settings))
        {
            if (After(state.MentionsHandledAt, e.OccurredAt))
            {
                InsertSorted(state.PublicMentions, Pending(e));
            }
        }
        else if (e.Type == TouchpointType.ContactInbound && After(state.InboundHandledAt, e.OccurredAt))
        {
            InsertSorted(state.Inbound, Pending(e));
        }
    }

    /// <summary>
    /// A CSM marked the rule's task done at <paramref name="now"/>: the contacts it waited on, up to the
    /// newest the list held, are handled, and so is a contact reported later that happened before
    /// that one. A contact after it is one the CSM could not have seen: it raises a task of its own.
    /// The other list is untouched: answering a private contact says nothing about a public post, nor
    /// the reverse.
    /// </summary>
    public static void MarkHandled(ConversationState state, RuleId rule, DateTimeOffset now)
    {
        var pending = rule switch
        {
            RuleId.AwaitingReply => state.Inbound,
            RuleId.PublicComplaint => state.PublicMentions,
            _ => null,
        };
        if (pending is not { Count: > 0 })
        {
            return;
        }

        var upTo = pending[^1].At < now ? pending[^1].At : now;
        if (rule == RuleId.AwaitingReply && After(state.InboundHandledAt, upTo))
        {
            state.InboundHandledAt = upTo;
        }
        else if (rule == RuleId.PublicComplaint && After(state.MentionsHandledAt, upTo))
        {
            state.MentionsHandledAt = upTo;
        }

        DropAnswered(pending, upTo, key: null);
    }

    /// <summary>The evaluation that follows the events has closed what their replies answered.</summary>
    public static void ForgetAnswers(ConversationState state) => state.Answered = null;

    // Whether a contact at `at` comes after a mark that answers everything up to it.
    private static bool After(DateTimeOffset? mark, DateTimeOffset at) => mark is not { } answered || at > answered;

    private static PendingContact Pending(TouchpointEvent e) => new(e.Id, e.OccurredAt, e.Channel, e.Public, e.Reach, e.Sentiment);

    // Whether the contact named by key was among those answered.
    private static bool DropAnswered(List<PendingContact> pending, DateTimeOffset answeredAt, string? key)
    {
        var answered = 0;
        var answeredKey = false;
        while (answered < pending.Count && pending[answered].At <= answeredAt)
        {
            answeredKey |= key is not null && pending[answered].Id == key;
            answered++;
        }

        pending.RemoveRange(0, answered);
        return answeredKey;
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
