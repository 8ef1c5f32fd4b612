namespace CustomerSuccess.Grains.Interfaces.Portfolio;

/// <summary>
/// The moments the portfolio's windowed figures start from: customers that entered at risk since
/// <paramref name="EnteredAtRiskSince"/>, NPS answers given since <paramref name="NpsSince"/>, tasks
/// completed since <paramref name="OutreachSince"/>, customers that cancelled since <paramref name="ChurnedSince"/>.
/// </summary>
public sealed record PortfolioWindows(DateTimeOffset EnteredAtRiskSince, DateTimeOffset NpsSince, DateTimeOffset OutreachSince, DateTimeOffset ChurnedSince)
{
    /// <summary>Every figure over all time.</summary>
    public static PortfolioWindows All { get; } = new(DateTimeOffset.MinValue, DateTimeOffset.MinValue, DateTimeOffset.MinValue, DateTimeOffset.MinValue);
}
