using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Api.Snapshots;

/// <summary>
/// The executives' figures, with bands and rules keyed by their wire names ("at-risk", "awaiting-reply")
/// and every band and rule present, zero included, so charts need no gap handling. Customers without a
/// score yet (a profile and nothing the score is made from) count as "unscored" and customers that
/// cancelled as "churned", so the bands add up to the customers. <c>ValueChurned</c> is the churned
/// customers' annual value, which the value at risk leaves out. <c>Outreach</c> says how fast outreach
/// happens (<see cref="OutreachView"/>); null in history recorded before the engine kept it.
/// </summary>
public sealed record SnapshotView(
    DateTimeOffset At,
    string? Segment,
    string? OwnerId,
    int Customers,
    IReadOnlyDictionary<string, int> CustomersByBand,
    decimal ValueAtRisk,
    int Promoters,
    int Passives,
    int Detractors,
    double? Nps,
    IReadOnlyList<string> EnteredAtRiskLast7Days,
    IReadOnlyDictionary<string, int> OpenTasksByRule,
    decimal ValueChurned,
    OutreachView? Outreach,
    int ChurnedLast30Days,
    decimal ValueChurnedLast30Days)
{
    public const string Unscored = "unscored";
    public const string Churned = "churned";

    public static SnapshotView From(PortfolioSnapshot s) => new(
        s.At, s.Segment, s.OwnerId, s.Customers,
        ByBand(s),
        s.ValueAtRisk, s.Promoters, s.Passives, s.Detractors, s.Nps, s.EnteredAtRiskLast7Days,
        Enum.GetValues<RuleId>().ToDictionary(r => r.ToName(), r => s.OpenTasksByRule.GetValueOrDefault(r)),
        s.ValueChurned,
        s.Outreach is { } outreach ? OutreachView.From(outreach) : null,
        s.ChurnedLast30Days,
        s.ValueChurnedLast30Days);

    private static Dictionary<string, int> ByBand(PortfolioSnapshot s)
    {
        var byBand = new Dictionary<string, int>();
        var scored = 0;
        foreach (var band in Enum.GetValues<HealthBand>())
        {
            var count = s.CustomersByBand.GetValueOrDefault(band);
            byBand[BandName(band)] = count;
            scored += count;
        }

        byBand[Unscored] = s.Customers - scored - s.Churned;
        byBand[Churned] = s.Churned;
        return byBand;
    }

    private static string BandName(HealthBand band) => band switch
    {
        HealthBand.Healthy => "healthy",
        HealthBand.Watch => "watch",
        _ => "at-risk",
    };
}

/// <summary>
/// How fast outreach happens: the tasks CSMs completed in the last 30 days, how many by their due
/// time, and how many within 1, 4, 24, 72 and 168 hours of being raised ("1h" ... "168h"; each count
/// includes the shorter ones, so "168h" falls short of the total by the tasks done later than a week).
/// </summary>
public sealed record OutreachView(int DoneLast30Days, int DoneOnTime, IReadOnlyDictionary<string, int> DoneWithin)
{
    public static OutreachView From(OutreachSpeed speed)
    {
        var within = new Dictionary<string, int>();
        var bounds = OutreachSpeed.HoursBounds;
        var sum = 0;
        for (var b = 0; b < bounds.Count; b++)
        {
            sum += b < speed.DoneWithinHours.Count ? speed.DoneWithinHours[b] : 0;
            within[$"{bounds[b]}h"] = sum;
        }

        return new OutreachView(speed.Done, speed.DoneOnTime, within);
    }
}

/// <summary>One day of the snapshot history: the figures as recorded at the end of that day (UTC), or live for today.</summary>
public sealed record SnapshotPoint(DateOnly Day, bool Live, SnapshotView Snapshot);

/// <summary>GET /v1/snapshot/history: one point per day, oldest first, for the days the API has recorded.</summary>
public sealed record SnapshotHistoryView(int Days, IReadOnlyList<SnapshotPoint> Points);
