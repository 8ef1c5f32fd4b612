using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Rules;

/// <summary>
/// Every threshold of the rules table in DOMAIN.md. The defaults are DOMAIN.md's; register an
/// instance as a service on the silo to change them (the engine binds its "Rules" section).
/// <see cref="Problems"/> names what the state cannot honour.
/// </summary>
public sealed record RuleSettings
{
    public static RuleSettings Default { get; } = new();

    // awaiting-reply: reply windows per channel.
    public TimeSpan FastReplyWindow { get; init; } = TimeSpan.FromHours(1);
    public TimeSpan SlowReplyWindow { get; init; } = TimeSpan.FromHours(24);
    public TimeSpan OtherReplyWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>An audience at least this large counts as "wide" and raises priority (awaiting-reply, public-complaint).</summary>
    public long WideReach { get; init; } = 1_000;

    /// <summary>An audience at least this large makes a public complaint priority 1.</summary>
    public long MassReach { get; init; } = 10_000;

    // unresolved-effort
    public int EffortContacts { get; init; } = 2;
    public int EffortChannels { get; init; } = 2;
    public TimeSpan EffortMaxAge { get; init; } = TimeSpan.FromHours(24);

    // public-complaint
    public double ComplaintSentiment { get; init; } = -0.3;
    public TimeSpan ComplaintReplyWindow { get; init; } = TimeSpan.FromHours(1);

    // detractor / promoter
    public int DetractorNps { get; init; } = 6;
    public int DetractorCsat { get; init; } = 2;
    public int DetractorCes { get; init; } = 5;
    public int PromoterNps { get; init; } = 9;

    // gone-quiet
    public double QuietGapMultiple { get; init; } = 3;
    public TimeSpan QuietMinimum { get; init; } = TimeSpan.FromDays(7);
    public int QuietMinInteractions { get; init; } = 5;

    // usage-drop
    public double UsageDropRatio { get; init; } = 0.5;
    public int UsageBaselineWeeks { get; init; } = 4;

    /// <summary>A weekly baseline below this is too thin to call a drop.</summary>
    public double UsageMinWeeklyBaseline { get; init; } = 2;

    // health-drop
    public int HealthDropPoints { get; init; } = 15;
    public TimeSpan HealthDropWindow { get; init; } = TimeSpan.FromDays(7);

    // renewal-risk
    public TimeSpan RenewalHorizon { get; init; } = TimeSpan.FromDays(90);

    /// <summary>After a dismissal the rule stays quiet for the customer this long.</summary>
    public TimeSpan DismissCooldown { get; init; } = TimeSpan.FromDays(7);

    public TimeSpan ReplyWindow(Channel channel) => channel switch
    {
        Channel.Social or Channel.Chat => FastReplyWindow,
        Channel.Email or Channel.Phone => SlowReplyWindow,
        _ => OtherReplyWindow,
    };

    // The "task due" column: how long after a rule fires its task is due.
    public TimeSpan AwaitingReplyDue { get; init; } = TimeSpan.FromHours(1);
    public TimeSpan UnresolvedEffortDue { get; init; } = TimeSpan.FromHours(4);
    public TimeSpan PublicComplaintDue { get; init; } = TimeSpan.FromHours(1);
    public TimeSpan DetractorDue { get; init; } = TimeSpan.FromHours(48);
    public TimeSpan PromoterDue { get; init; } = TimeSpan.FromDays(7);
    public TimeSpan GoneQuietDue { get; init; } = TimeSpan.FromDays(3);
    public TimeSpan UsageDropDue { get; init; } = TimeSpan.FromDays(3);
    public TimeSpan HealthDropDue { get; init; } = TimeSpan.FromDays(2);
    public TimeSpan RenewalRiskDue { get; init; } = TimeSpan.FromDays(7);
    public TimeSpan PaymentFailedDue { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Each setting the rules cannot work with, worded for the operator; empty when all are fine.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new (string, TimeSpan)[]
        {
            (nameof(FastReplyWindow), FastReplyWindow), (nameof(SlowReplyWindow), SlowReplyWindow), (nameof(OtherReplyWindow), OtherReplyWindow),
            (nameof(EffortMaxAge), EffortMaxAge), (nameof(ComplaintReplyWindow), ComplaintReplyWindow), (nameof(QuietMinimum), QuietMinimum),
            (nameof(HealthDropWindow), HealthDropWindow), (nameof(RenewalHorizon), RenewalHorizon), (nameof(DismissCooldown), DismissCooldown),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"{name} must be a positive time span (was {value}).");
            }
        }

        foreach (var rule in Enum.GetValues<RuleId>())
        {
            if (DueAfter(rule) < TimeSpan.Zero)
            {
                problems.Add($"{rule}Due must not be negative (was {DueAfter(rule)}).");
            }
        }

        // The rule reads the Nth contact's time, and an issue keeps only its earliest ones (0: counting off).
        Require(problems, nameof(EffortContacts), EffortContacts, 0, Effort.IssueState.KeptContacts);
        Require(problems, nameof(EffortChannels), EffortChannels, 0, Enum.GetValues<Channel>().Length);

        // The usage ring holds today, the last week and the weeks of the baseline before it.
        Require(problems, nameof(UsageBaselineWeeks), UsageBaselineWeeks, 1, (Engagement.UsageState.WindowDays - 8) / 7);
        Require(problems, nameof(QuietMinInteractions), QuietMinInteractions, 0, int.MaxValue);
        Require(problems, nameof(HealthDropPoints), HealthDropPoints, 1, 100);

        // Survey thresholds on their scales (NPS 0-10, CSAT 1-5, CES 1-7): off the scale, a rule never fires.
        Require(problems, nameof(DetractorNps), DetractorNps, 0, 10);
        Require(problems, nameof(PromoterNps), PromoterNps, 0, 10);
        Require(problems, nameof(DetractorCsat), DetractorCsat, 1, 5);
        Require(problems, nameof(DetractorCes), DetractorCes, 1, 7);
        if (UsageMinWeeklyBaseline < 0 || !double.IsFinite(UsageMinWeeklyBaseline))
        {
            problems.Add($"{nameof(UsageMinWeeklyBaseline)} must be 0 or more (was {UsageMinWeeklyBaseline}).");
        }
        if (ComplaintSentiment is < -1 or > 1)
        {
            problems.Add($"{nameof(ComplaintSentiment)} must be between -1 and 1 (was {ComplaintSentiment}).");
        }

        if (UsageDropRatio is <= 0 or > 1 || double.IsNaN(UsageDropRatio))
        {
            problems.Add($"{nameof(UsageDropRatio)} must be above 0 and at most 1 (was {UsageDropRatio}).");
        }

        if (QuietGapMultiple <= 0 || double.IsNaN(QuietGapMultiple))
        {
            problems.Add($"{nameof(QuietGapMultiple)} must be above 0 (was {QuietGapMultiple}).");
        }

        if (WideReach < 0 || MassReach < WideReach)
        {
            problems.Add($"{nameof(WideReach)} must be at least 0 and at most {nameof(MassReach)} (were {WideReach} and {MassReach}).");
        }

        return problems;
    }

    private static void Require(List<string> problems, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add($"{name} must be between {min} and {max} (was {value}).");
        }
    }

    public TimeSpan DueAfter(RuleId rule) => rule switch
    {
        RuleId.AwaitingReply => AwaitingReplyDue,
        RuleId.UnresolvedEffort => UnresolvedEffortDue,
        RuleId.PublicComplaint => PublicComplaintDue,
        RuleId.Detractor => DetractorDue,
        RuleId.Promoter => PromoterDue,
        RuleId.GoneQuiet => GoneQuietDue,
        RuleId.UsageDrop => UsageDropDue,
        RuleId.HealthDrop => HealthDropDue,
        RuleId.RenewalRisk => RenewalRiskDue,
        RuleId.PaymentFailed => PaymentFailedDue,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };
}
