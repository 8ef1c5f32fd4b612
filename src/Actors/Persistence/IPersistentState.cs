namespace CustomerSuccess.Actors.Persistence;

/// <summary>A grain's persistent state (Orleans' <c>IPersistentState&lt;T&gt;</c>), with ETag concurrency.</summary>
public interface IPersistentState<TState>
{
    /// <summary>The state. A new instance until a stored record was read.</summary>
    TState State { get; set; }

    /// <summary>The version of the stored record this instance was read from or last wrote; null if none.</summary>
    string? Etag { get; }

    /// <summary>Whether a stored record exists.</summary>
    bool RecordExists { get; }

    /// <summary>Reloads the state from storage.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state; throws <see cref="InconsistentStateException"/> if the stored record changed since it was read.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored record and resets the state to a new instance.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
