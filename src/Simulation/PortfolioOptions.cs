namespace CustomerSuccess.Simulation;

/// <summary>What to generate. The same options always give the same portfolio.</summary>
public sealed record PortfolioOptions
{
    public int Seed { get; init; } = 42;

    public int Customers { get; init; } = 1_000;

    /// <summary>CSMs named csm-01 .. csm-NN; a few customers are left unassigned, as in real books.</summary>
    public int Owners { get; init; } = 8;

    public int Days { get; init; } = 90;

    /// <summary>The end of the history (usually "now"); every event is in [End - Days, End].</summary>
    public DateTimeOffset End { get; init; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Start => End - TimeSpan.FromDays(Days);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Customers);
        ArgumentOutOfRangeException.ThrowIfLessThan(Owners, 1);
        // The journeys place their incidents up to ~60 days back (the drift's decline starts there).
        ArgumentOutOfRangeException.ThrowIfLessThan(Days, 60);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Customers, 9_999_999);
    }
}
