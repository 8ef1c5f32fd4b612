namespace CustomerSuccess.Actors.Persistence;

/// <summary>
/// A grain storage provider. Providers store opaque JSON and enforce ETags; serialisation is the
/// runtime's job so every provider tolerates the same schema changes.
/// </summary>
public interface IGrainStorage
{
    /// <summary>The stored record, or null if there is none.</summary>
    Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="json"/> if the stored ETag equals <paramref name="expectedEtag"/>
    /// (null: no record may exist) and returns the new ETag; otherwise throws <see cref="InconsistentStateException"/>.
    /// </summary>
    Task<string> WriteAsync(GrainStateKey key, byte[] json, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>Deletes the record under the same ETag rule as <see cref="WriteAsync"/>.</summary>
    Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken);
}
