namespace CustomerSuccess.Backtest.Import;

/// <summary>How <c>import</c> talks to a running engine.</summary>
public sealed record ImportOptions
{
    /// <summary>Events per POST /v1/events (the API takes up to 5,000; 1,000 keeps a request well under its 10 MB limit).</summary>
    public int BatchSize { get; init; } = 1_000;

    /// <summary>Attempts per request on 429 / 503 before giving up.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The wait when a 429 / 503 names no Retry-After; doubled per attempt.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public bool SkipBadRows { get; init; }
}
