using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Domain.Effort;

/// <summary>Folds issue events into <see cref="IssueState"/> ledgers.</summary>
public static class EffortLedger
{
    /// <summary>
    /// How many resolved issues are kept (newest resolutions), so a late contact about a recently
    /// resolved issue still lands on its ledger. Open issues are always kept.
    /// </summary>
    public const int KeptResolved = 3;

    public static void Apply(List<IssueState> issues, TouchpointEvent e)
    {
        var issue = FindOrAdd(issues, e.IssueId!, e.OccurredAt);
        var at = e.OccurredAt;
        if (at < issue.FirstAt)
        {
            issue.FirstAt = at;
        }

        switch (e.Type)
        {
            case TouchpointType.ContactInbound:
                issue.Contacts++;
                issue.ChannelMask |= 1 << (int)e.Channel;
                issue.WaitSeconds += e.WaitSeconds;
                issue.LastInboundAt = Max(issue.LastInboundAt, at);
                InsertEarliest(issue.EarliestContacts, new ContactRef(e.Id, at, e.Channel));
                break;
            case TouchpointType.ContactOutbound:
                issue.LastOutboundAt = Max(issue.LastOutboundAt, at);
                break;
            case TouchpointType.IssueResolved:
                issue.ResolvedAt = Max(issue.ResolvedAt, at);
                break;
            case TouchpointType.IssueReopened:
                issue.ReopenedAt = Max(issue.ReopenedAt, at);
                break;
            default:
                issue.WaitSeconds += e.WaitSeconds;
                break;
        }

        KeepSorted(issues, issue);
        EvictResolvedBeyondCap(issues);
    }

    public static IssueLedger ToLedger(IssueState issue, DateTimeOffset now)
    {
        var channels = new List<Channel>();
        for (var c = 0; c < 32; c++)
        {
            if ((issue.ChannelMask & (1 << c)) != 0)
            {
                channels.Add((Channel)c);
            }
        }

        var ids = new List<string>(issue.EarliestContacts.Count);
        foreach (var contact in issue.EarliestContacts)
        {
            ids.Add(contact.Id);
        }

        return new IssueLedger(issue.Id, issue.IsOpen, issue.FirstAt, now - issue.FirstAt, issue.Contacts, channels,
            issue.WaitSeconds, issue.LastInboundAt, issue.LastOutboundAt, ids);
    }

    private static IssueState FindOrAdd(List<IssueState> issues, string id, DateTimeOffset at)
    {
        foreach (var issue in issues)
        {
            if (issue.Id == id)
            {
                return issue;
            }
        }

        var added = new IssueState { Id = id, FirstAt = at };
        issues.Add(added);
        return added;
    }

    // Keeps the earliest contacts by (time, id): the same set whatever the arrival order.
    private static void InsertEarliest(List<ContactRef> contacts, ContactRef contact)
    {
        var index = contacts.Count;
        while (index > 0 && Compare(contacts[index - 1], contact) > 0)
        {
            index--;
        }

        if (index >= IssueState.KeptContacts)
        {
            return;
        }

        contacts.Insert(index, contact);
        if (contacts.Count > IssueState.KeptContacts)
        {
            contacts.RemoveAt(contacts.Count - 1);
        }
    }

    private static int Compare(ContactRef a, ContactRef b)
    {
        var byTime = a.At.CompareTo(b.At);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    }

    // Issues stay sorted by (first seen, id), so every view and every reason lists them in the same
    // order whatever order their events arrived in. A late event can only move an issue earlier.
    private static void KeepSorted(List<IssueState> issues, IssueState issue)
    {
        var index = issues.IndexOf(issue);
        while (index > 0 && Compare(issues[index - 1], issue) > 0)
        {
            issues[index] = issues[index - 1];
            index--;
        }

        issues[index] = issue;
    }

    private static int Compare(IssueState a, IssueState b)
    {
        var byTime = a.FirstAt.CompareTo(b.FirstAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    }

    private static void EvictResolvedBeyondCap(List<IssueState> issues)
    {
        while (true)
        {
            var resolved = 0;
            var victim = -1;
            for (var i = 0; i < issues.Count; i++)
            {
                if (!issues[i].IsOpen)
                {
                    resolved++;
                    if (victim < 0 || issues[i].ClosedSortKey < issues[victim].ClosedSortKey)
                    {
                        victim = i;
                    }
                }
            }

            if (resolved <= KeptResolved)
            {
                return;
            }

            issues.RemoveAt(victim);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value > b ? value : b;
}
