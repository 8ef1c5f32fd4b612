namespace CustomerSuccess.Backtest.Generation;

/// <summary>What <c>generate</c> writes: a simulated portfolio (src/Simulation) as history files.</summary>
public sealed record GenerateOptions
{
    public required string Folder { get; init; }

    public int Customers { get; init; } = 1_000;

    public int Seed { get; init; } = 42;

    public int Owners { get; init; } = 8;

    public int Days { get; init; } = 90;

    public DateTimeOffset End { get; init; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public bool Csv { get; init; } = true;

    public bool JsonLines { get; init; } = true;
}
