using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Health;

namespace CustomerSuccess.Grains.Domain.Health;

/// <summary>The last computed health and the bounded history of its changes (newest first).</summary>
public sealed class HealthState
{
    /// <summary>The score and band of the last evaluation (null before any data), and when it ran.
    /// Reasons are not stored: they are recomputed from the state at <see cref="At"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Score { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HealthBand? Band { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? At { get; set; }

    public ScoreHistory History { get; set; } = new();

    /// <summary>When the customer last entered the at-risk band.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? EnteredAtRiskAt { get; set; }

    /// <summary>When the current band began.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? BandSince { get; set; }
}
