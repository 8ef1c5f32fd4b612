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

    /// <summary>Each setting the score cannot work with, worded for the operator; empty when all are fine.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        double[] weights = [EffortWeight, SentimentWeight, EngagementWeight, CommercialWeight];
        if (Array.Exists(weights, w => w < 0 || !double.IsFinite(w)) || weights.Sum() <= 0)
        {
            problems.Add($"The component weights must be 0 or more, and not all 0 (were {string.Join(", ", weights)}).");
        }

        if (WatchFrom < 0 || HealthyFrom <= WatchFrom || HealthyFrom > 100)
        {
            problems.Add($"The bands need 0 <= {nameof(WatchFrom)} < {nameof(HealthyFrom)} <= 100 (were {WatchFrom} and {HealthyFrom}).");
        }

        if (SentimentHalfLife <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(SentimentHalfLife)} must be a positive time span (was {SentimentHalfLife}).");
        }

        return problems;
    }
}
