namespace CustomerSuccess.Silo.Ingestion;

/// <summary>The storage is unreachable; nothing of the request was stored. The API answers 503 with Retry-After.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>A sensible wait before retrying.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);
}
