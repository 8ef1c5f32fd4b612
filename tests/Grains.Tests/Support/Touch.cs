using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Tests.Support;

/// <summary>Builds touchpoint events the way an integrator would send them.</summary>
internal static class Touch
{
    public static TouchpointEvent Inbound(string customer, string id, DateTimeOffset at, Channel channel, string? issue = null, bool isPublic = false, long reach = 0, double? sentiment = null, double wait = 0) =>
        new(id, customer, TouchpointType.ContactInbound, at, channel, issue, sentiment, Public: isPublic, Reach: reach, WaitSeconds: wait);

    public static TouchpointEvent Outbound(string customer, string id, DateTimeOffset at, Channel channel, string? issue = null) =>
        new(id, customer, TouchpointType.ContactOutbound, at, channel, issue);

    public static TouchpointEvent Resolved(string customer, string id, DateTimeOffset at, string issue) =>
        new(id, customer, TouchpointType.IssueResolved, at, Channel.Other, issue);

    public static TouchpointEvent Mention(string customer, string id, DateTimeOffset at, double sentiment, long reach, bool isPublic = true) =>
        new(id, customer, TouchpointType.SocialMention, at, Channel.Social, Sentiment: sentiment, Public: isPublic, Reach: reach);

    public static TouchpointEvent Survey(string customer, string id, DateTimeOffset at, TouchpointType type, double score) =>
        new(id, customer, type, at, Channel.Survey, Score: score);

    public static TouchpointEvent Usage(string customer, string id, DateTimeOffset at) =>
        new(id, customer, TouchpointType.Usage, at, Channel.App);

    public static TouchpointEvent PaymentFailed(string customer, string id, DateTimeOffset at, decimal value = 100) =>
        new(id, customer, TouchpointType.PaymentFailed, at, Channel.Billing, Value: value);

    /// <summary>
    /// A CSAT of 5, a CES of 1 and a purchase: with them a customer stays healthy however long it is
    /// silent (engagement at 0 weighs less than the other components at 100), so its health never drifts
    /// into another band. For tests of deadlines that such a drift would otherwise come before.
    /// </summary>
    public static TouchpointEvent[] Content(string customer, DateTimeOffset at) =>
        [Survey(customer, "csat-5", at, TouchpointType.SurveyCsat, 5), Survey(customer, "ces-1", at, TouchpointType.SurveyCes, 1), Purchase(customer, "buy-1", at)];

    public static TouchpointEvent Purchase(string customer, string id, DateTimeOffset at, decimal value = 100) =>
        new(id, customer, TouchpointType.Purchase, at, Channel.Billing, Value: value);
}
