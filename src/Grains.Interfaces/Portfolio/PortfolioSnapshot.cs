using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Interfaces.Portfolio;

/// <summary>
/// The executives' figures for a slice of the portfolio (all, one segment, one CSM or both).
/// NPS is %promoters - %detractors over customers whose latest NPS answer is at most a year old; null
/// with no such answers.
/// A customer that cancelled its subscription counts in <c>Churned</c> and <c>ValueChurned</c> (its
/// annual value) and in the open tasks, not in the bands, the value at risk, the NPS or the customers
/// entered at risk: those are about the customers still to keep. <c>ChurnedLast30Days</c> and
/// <c>ValueChurnedLast30Days</c> are the part of them that cancelled in the last 30 days. <c>Outreach</c>
/// covers the tasks completed in the last 30 days; null in history recorded before the engine kept it.
/// </summary>
public sealed record PortfolioSnapshot(
    DateTimeOffset At,
    string? Segment,
    string? OwnerId,
    int Customers,
    IReadOnlyDictionary<HealthBand, int> CustomersByBand,
    decimal ValueAtRisk,
    int Promoters,
    int Passives,
    int Detractors,
    double? Nps,
    IReadOnlyList<string> EnteredAtRiskLast7Days,
    IReadOnlyDictionary<RuleId, int> OpenTasksByRule,
    int Churned = 0,
    decimal ValueChurned = 0,
    OutreachSpeed? Outreach = null,
    int ChurnedLast30Days = 0,
    decimal ValueChurnedLast30Days = 0);
