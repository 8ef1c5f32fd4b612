using CustomerSuccess.Grains.Domain.Conversations;
using CustomerSuccess.Grains.Domain.Effort;
using CustomerSuccess.Grains.Domain.Health;

namespace CustomerSuccess.Grains.Domain.Rules;

/// <summary>
/// What the rules add to a <see cref="TextStamp"/> for the parts of the state their words are made
/// from. Values from <see cref="RuleSettings"/> that appear in the words (reply windows, the usage
/// baseline) are not stamped: the settings are fixed for a task book's life, and stamps are not stored.
/// </summary>
internal static class RuleStamps
{
    // Everything of the waiting contacts or public mentions that goes into a task's words, and the ids of
    // those it does not cite: stamping more than the words use only makes a task described once more.
    public static void Contacts(ref TextStamp stamp, List<PendingContact> contacts)
    {
        stamp.Add(contacts.Count);
        foreach (var contact in contacts)
        {
            stamp.Add(contact.Id);
            stamp.Add(contact.At.UtcTicks);
            stamp.Add((long)contact.Channel);
            stamp.Add(contact.Public ? 1 : 0);
            stamp.Add(contact.Reach);
            stamp.Add(contact.Sentiment ?? double.NaN);
        }
    }

    // Everything of an open issue that goes into an unresolved-effort task's words.
    public static void Issue(ref TextStamp stamp, IssueState issue)
    {
        stamp.Add(issue.Id);
        stamp.Add(issue.FirstAt.UtcTicks);
        stamp.Add(issue.Contacts);
        stamp.Add(issue.ChannelMask);
        stamp.Add(issue.WaitSeconds);
        foreach (var contact in issue.EarliestContacts)
        {
            stamp.Add(contact.Id);
        }
    }

    // Everything of a score change that goes into a health-drop task's words.
    public static void Change(ref TextStamp stamp, ScoreHistory history, int index)
    {
        stamp.Add(history.UtcTicksOf(index));
        stamp.Add(history.FromOf(index) ?? int.MinValue);
        stamp.Add(history.ToOf(index));
        stamp.Add(history.CauseBytesOf(index));
    }
}
