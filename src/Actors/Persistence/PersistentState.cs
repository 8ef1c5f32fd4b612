using System.Text.Json.Serialization.Metadata;
using CustomerSuccess.Actors.Runtime;

namespace CustomerSuccess.Actors.Persistence;

/// <summary>The runtime's side of a persistent state: load before activation, write at deactivation.</summary>
internal interface IActivationState
{
    /// <summary>Set when a turn ran since the last read or write; the state may have changed.</summary>
    bool Touched { get; set; }

    Task ReadStateAsync(CancellationToken cancellationToken);

    Task WriteStateAsync(CancellationToken cancellationToken);
}

internal sealed class PersistentState<TState> : IPersistentState<TState>, IActivationState where TState : new()
{
    private readonly IGrainStorage _storage;
    private readonly GrainStateKey _key;
    private readonly JsonTypeInfo<TState>? _typeInfo;
    private readonly GrainStateObjects? _objects;

    public PersistentState(IGrainStorage storage, GrainId grainId, string stateName, JsonTypeInfo<TState>? typeInfo = null, GrainStateObjects? objects = null)
    {
        _storage = storage;
        _key = new GrainStateKey(grainId.Type.Name, grainId.Key, stateName);
        _typeInfo = typeInfo;
        _objects = objects;
    }

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public bool Touched { get; set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        if (_objects is not null)
        {
            var kept = _objects.Read(_key);
            State = kept is { State: TState state } ? state : new TState();
            Etag = kept?.Etag;
            Touched = false;
            return;
        }

        var stored = await _storage.ReadAsync(_key, cancellationToken).ConfigureAwait(false);
        State = stored is null ? new TState() : GrainStateSerializer.Deserialize(stored.Json, _typeInfo);
        Etag = stored?.Etag;
        Touched = false;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        if (_objects is not null)
        {
            Etag = _objects.Write(_key, State!, Etag);
            Touched = false;
            return;
        }

        var json = GrainStateSerializer.Serialize(State, _typeInfo);
        Etag = await _storage.WriteAsync(_key, json, Etag, cancellationToken).ConfigureAwait(false);
        Touched = false;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        if (_objects is not null)
        {
            _objects.Clear(_key, Etag);
            Etag = null;
            State = new TState();
            Touched = false;
            return;
        }

        await _storage.ClearAsync(_key, Etag, cancellationToken).ConfigureAwait(false);
        Etag = null;
        State = new TState();
        Touched = false;
    }
}
