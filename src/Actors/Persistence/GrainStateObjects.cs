using System.Globalization;

namespace CustomerSuccess.Actors.Persistence;

/// <summary>
/// Grain states kept as the live objects themselves, with ETags, instead of serialised copies in a
/// storage provider (<see cref="Runtime.SiloOptions.KeepStateObjects"/>). A write costs no JSON, which
/// is most of a small grain call; nothing survives the process and no provider sees the states.
/// Deactivation and reactivation hand back the same object, which the grain left as it was.
/// </summary>
internal sealed class GrainStateObjects
{
    private readonly Dictionary<GrainStateKey, (object State, string Etag)> _states = new();
    private readonly Lock _gate = new();
    private long _version;

    public (object State, string Etag)? Read(GrainStateKey key)
    {
        lock (_gate)
        {
            return _states.TryGetValue(key, out var stored) ? stored : null;
        }
    }

    public string Write(GrainStateKey key, object state, string? expectedEtag)
    {
        lock (_gate)
        {
            CheckEtag(key, expectedEtag);
            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _states[key] = (state, etag);
            return etag;
        }
    }

    public void Clear(GrainStateKey key, string? expectedEtag)
    {
        lock (_gate)
        {
            CheckEtag(key, expectedEtag);
            _states.Remove(key);
        }
    }

    private void CheckEtag(GrainStateKey key, string? expectedEtag)
    {
        var stored = _states.TryGetValue(key, out var entry) ? entry.Etag : null;
        if (!string.Equals(stored, expectedEtag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"ETag mismatch for {key.GrainType}/{key.GrainKey}/{key.StateName}: stored '{stored ?? "none"}', writer had '{expectedEtag ?? "none"}'.",
                stored,
                expectedEtag);
        }
    }
}
