namespace CustomerSuccess.Grains.Interfaces.Events;

/// <summary>What happened at a touchpoint. The wire names are in <see cref="TouchpointNames"/>.</summary>
public enum TouchpointType
{
    ContactInbound,
    ContactOutbound,
    IssueOpened,
    IssueResolved,
    IssueReopened,
    Usage,
    Purchase,
    PaymentFailed,
    SurveyNps,
    SurveyCsat,
    SurveyCes,
    SocialMention,
    SubscriptionRenewal,
    SubscriptionCancelled,
}
