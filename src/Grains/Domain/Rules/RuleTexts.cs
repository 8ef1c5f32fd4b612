using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Rules;

/// <summary>
/// The words a rule's tasks usually carry: the title and the suggested action that do not depend on
/// the situation. The evaluator writes them into its findings, and the stored form of a task
/// (<see cref="Tasks.StoredTaskJson"/>) leaves out a title or action equal to its rule's usual one,
/// since every task of most rules repeats the same sentence. These sentences are therefore part of
/// what is stored: a stored task that left its usual text out reads back with whatever the constant
/// says then. Change one only as a decision meant for the tasks already stored as well.
/// </summary>
public static class RuleTexts
{
    public const string EffortAction = "Own the issue end to end: call the customer, fix it, and tell them it is fixed so they need not chase again.";
    public const string ComplaintTitle = "Answer a public complaint";
    public const string ComplaintAction = "Reply publicly with empathy, then take it to a private channel and fix it.";
    public const string DetractorTitle = "Close the loop with a detractor";
    public const string DetractorAction = "Call personally within 48 h: listen, apologise, and agree one concrete fix.";
    public const string PromoterTitle = "Invite a promoter to advocate";
    public const string PromoterAction = "Thank them and ask for a review, a referral or a case study.";
    public const string QuietTitle = "Check in with a customer who went quiet";
    public const string QuietAction = "Reach out with something useful for them (a tip, a check-in on their goals), not a sales pitch.";
    public const string UsageTitle = "Find out why usage dropped";
    public const string UsageAction = "Ask what changed (team, project, a blocker) and offer help or training.";
    public const string HealthDropTitle = "Find out why health fell";
    public const string EnteredAtRiskTitle = "A customer entered at risk";
    public const string HealthAction = "Read the score history and timeline, then call the customer about the biggest cause.";
    public const string RenewalTitle = "Secure a renewal at risk";
    public const string RenewalAction = "Plan a value review before the renewal: recap outcomes and address what is dragging health down.";
    public const string PaymentTitle = "Help the customer fix a failed payment";
    public const string PaymentAction = "Contact the billing owner and help update the payment method before access is affected.";

    /// <summary>The title most tasks of the rule carry, if it has one (not where it names a channel or an issue).</summary>
    public static string? UsualTitle(RuleId rule) => rule switch
    {
        RuleId.PublicComplaint => ComplaintTitle,
        RuleId.Detractor => DetractorTitle,
        RuleId.Promoter => PromoterTitle,
        RuleId.GoneQuiet => QuietTitle,
        RuleId.UsageDrop => UsageTitle,
        RuleId.HealthDrop => HealthDropTitle,
        RuleId.RenewalRisk => RenewalTitle,
        RuleId.PaymentFailed => PaymentTitle,
        _ => null,
    };

    /// <summary>The suggested action every task of the rule carries, if it does not depend on the situation.</summary>
    public static string? UsualAction(RuleId rule) => rule switch
    {
        RuleId.UnresolvedEffort => EffortAction,
        RuleId.PublicComplaint => ComplaintAction,
        RuleId.Detractor => DetractorAction,
        RuleId.Promoter => PromoterAction,
        RuleId.GoneQuiet => QuietAction,
        RuleId.UsageDrop => UsageAction,
        RuleId.HealthDrop => HealthAction,
        RuleId.RenewalRisk => RenewalAction,
        RuleId.PaymentFailed => PaymentAction,
        _ => null,
    };
}
