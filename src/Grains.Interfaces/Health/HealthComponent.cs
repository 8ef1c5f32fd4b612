namespace CustomerSuccess.Grains.Interfaces.Health;

/// <summary>The four parts of a health score.</summary>
public enum HealthComponent
{
    Effort,
    Sentiment,
    Engagement,
    Commercial,
}
