namespace CustomerSuccess.Grains.Interfaces.Health;

/// <summary>healthy (>= 70), watch (40-69), at risk (&lt; 40).</summary>
public enum HealthBand
{
    Healthy,
    Watch,
    AtRisk,
}
