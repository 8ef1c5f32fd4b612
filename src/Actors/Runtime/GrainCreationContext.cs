using System.Text.Json.Serialization.Metadata;
using CustomerSuccess.Actors.Persistence;

namespace CustomerSuccess.Actors.Runtime;

/// <summary>What a grain factory gets to construct a grain: its id, the services, and its persistent state.</summary>
public sealed class GrainCreationContext
{
    private readonly Activation _activation;

    internal GrainCreationContext(Activation activation) => _activation = activation;

    public GrainId Id => _activation.Id;

    public IServiceProvider Services => _activation.Silo.Services;

    /// <summary>The silo's grain factory, for services the grain hands calls to other grains.</summary>
    public IGrainFactory GrainFactory => _activation.Silo;

    /// <summary>
    /// A persistent state for the grain (Orleans' <c>[PersistentState(name)]</c> constructor parameter).
    /// The runtime reads it before <see cref="Grain.OnActivateAsync"/> and writes it at deactivation
    /// if a turn ran since the last read or write.
    /// </summary>
    public IPersistentState<TState> PersistentState<TState>(string stateName) where TState : new() =>
        PersistentState<TState>(stateName, null);

    /// <summary>
    /// A persistent state serialised with ready-made JSON metadata (e.g. a source-generated
    /// <c>JsonSerializerContext</c>'s type info with <see cref="GrainStateSerializer.Options"/>' settings),
    /// so the state's JSON costs no reflection metadata on first use and less time on every write.
    /// </summary>
    public IPersistentState<TState> PersistentState<TState>(string stateName, JsonTypeInfo<TState>? typeInfo) where TState : new()
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var state = new PersistentState<TState>(_activation.Silo.Storage, _activation.Id, stateName, typeInfo, _activation.Silo.StateObjects);
        _activation.AttachState(state);
        return state;
    }
}
