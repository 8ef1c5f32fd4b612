using CustomerSuccess.Grains.Interfaces.Health;

namespace CustomerSuccess.Grains.Domain.Health;

/// <summary>The last computed health and the bounded history of its changes (newest first).</summary>
public sealed class HealthState
{
    /// <summary>The score and band of the last evaluation (null before any data), and when it ran.
    /// Reasons are not stored: they are recomputed from the state at <see cref="At"/>.</summary>
    public int? Score { get; set; }

    public HealthBand? Band { get; set; }

    public DateTimeOffset? At { get; set; }

    public List<ScoreChange> History { get; set; } = [];

    /// <summary>When the customer last entered the at-risk band.</summary>
    public DateTimeOffset? EnteredAtRiskAt { get; set; }

    /// <summary>When the current band began.</summary>
    public DateTimeOffset? BandSince { get; set; }
}
