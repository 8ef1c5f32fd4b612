namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// Caps that keep a customer's state small (goal: about 2 KiB) however long its history is.
/// Everything the rules need is kept as maxima, counts or small sorted windows, never the full history.
/// </summary>
public sealed record StateLimits
{
    public static StateLimits Default { get; } = new();

    public int Timeline { get; init; } = 50;
    public int ScoreHistory { get; init; } = 50;
    public int ClosedTasks { get; init; } = 20;

    /// <summary>How many recent event ids (as 64-bit hashes) are remembered for duplicate detection.</summary>
    public int SeenEvents { get; init; } = 128;
}
