namespace CustomerSuccess.Silo.Demo;

/// <summary>
/// The "Demo" section: load a simulated portfolio with its history at startup, so a first run has
/// tasks, health and a snapshot to show. <c>--demo</c> on the command line sets <see cref="Enabled"/>.
/// </summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool Enabled { get; set; }

    /// <summary>2,000 customers (~100,000 events) load in a few seconds on a 2-core machine.</summary>
    public int Customers { get; set; } = 2_000;

    public int Seed { get; set; } = 42;

    public int Owners { get; set; } = 8;

    public int Days { get; set; } = 90;

    /// <summary>Customers per ingested batch: each batch carries their whole history, so each grain gets one call.</summary>
    public int BatchCustomers { get; set; } = 100;
}
