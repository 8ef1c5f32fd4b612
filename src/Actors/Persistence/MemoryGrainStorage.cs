namespace CustomerSuccess.Actors.Persistence;

/// <summary>
/// Grain storage in process memory. It outlives a silo (the test host restarts silos over one
/// instance) but not the process.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<GrainStateKey, StoredGrainState> _records = new();
    private readonly Lock _gate = new();
    private long _version;

    /// <summary>Number of stored records.</summary>
    public int Count
    {
        get { lock (_gate) { return _records.Count; } }
    }

    public Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault(key));
        }
    }

    public Task<string> WriteAsync(GrainStateKey key, byte[] json, string? expectedEtag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        lock (_gate)
        {
            CheckEtag(key, expectedEtag);
            var etag = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _records[key] = new StoredGrainState(json, etag);
            return Task.FromResult(etag);
        }
    }

    public Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            CheckEtag(key, expectedEtag);
            _records.Remove(key);
            return Task.CompletedTask;
        }
    }

    private void CheckEtag(GrainStateKey key, string? expectedEtag)
    {
        var stored = _records.GetValueOrDefault(key)?.Etag;
        if (!string.Equals(stored, expectedEtag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"ETag mismatch for {key.GrainType}/{key.GrainKey}/{key.StateName}: stored '{stored ?? "none"}', writer had '{expectedEtag ?? "none"}'.",
                stored,
                expectedEtag);
        }
    }
}
