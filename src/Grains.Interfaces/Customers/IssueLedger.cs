using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Interfaces.Customers;

/// <summary>The effort a customer has spent on one issue: what a CSM needs to judge "how hard was this for them".</summary>
public sealed record IssueLedger(
    string IssueId,
    bool IsOpen,
    DateTimeOffset OpenedAt,
    TimeSpan Age,
    int Contacts,
    IReadOnlyList<Channel> Channels,
    double TotalWaitSeconds,
    DateTimeOffset? LastInboundAt,
    DateTimeOffset? LastOutboundAt,
    IReadOnlyList<string> ContactEventIds);
