namespace CustomerSuccess.Grains.Domain.Health;

/// <summary>Component weights and band limits of the health score. Weights need not sum to 1; they are normalised over the components that have data.</summary>
public sealed record HealthSettings
{
    public static HealthSettings Default { get; } = new();

    public double EffortWeight { get; init; } = 0.35;
    public double SentimentWeight { get; init; } = 0.25;
    public double EngagementWeight { get; init; } = 0.20;
    public double CommercialWeight { get; init; } = 0.20;

    /// <summary>Healthy at or above this score.</summary>
    public int HealthyFrom { get; init; } = 70;

    /// <summary>Watch at or above this score, at risk below.</summary>
    public int WatchFrom { get; init; } = 40;

    /// <summary>Sentiment and survey answers lose half their weight every this long.</summary>
    public TimeSpan SentimentHalfLife { get; init; } = TimeSpan.FromDays(30);
}
