using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Interfaces.Portfolio;

/// <summary>
/// The executives' figures for a slice of the portfolio (all, one segment, one CSM or both).
/// NPS is %promoters - %detractors over customers with an NPS answer; null with no answers.
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
    IReadOnlyDictionary<RuleId, int> OpenTasksByRule);
