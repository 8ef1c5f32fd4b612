namespace CustomerSuccess.Grains.Interfaces.Portfolio;

/// <summary>
/// Additive partial figures of one portfolio partition; sums of these give a <see cref="PortfolioSnapshot"/>.
/// </summary>
public sealed record PortfolioFigures(
    int Customers,
    int Healthy,
    int Watch,
    int AtRisk,
    decimal ValueAtRisk,
    int Promoters,
    int Passives,
    int Detractors,
    IReadOnlyList<string> EnteredAtRisk,
    IReadOnlyList<int> OpenTasksByRule,
    int Churned,
    decimal ValueChurned,
    OutreachSpeed Outreach,
    int ChurnedRecently,
    decimal ValueChurnedRecently);
