using CustomerSuccess.Actors.Persistence;

namespace CustomerSuccess.Actors.Runtime;

/// <summary>What a grain factory gets to construct a grain: its id, the services, and its persistent state.</summary>
public sealed class GrainCreationContext
{
    private readonly Activation _activation;

    internal GrainCreationContext(Activation activation) => _activation = activation;

    public GrainId Id => _activation.Id;

    public IServiceProvider Services => _activation.Silo.Services;

    /// <summary>
    /// A persistent state for the grain (Orleans' <c>[PersistentState(name)]</c> constructor parameter).
    /// The runtime reads it before <see cref="Grain.OnActivateAsync"/> and writes it at deactivation
    /// if a turn ran since the last read or write.
    /// </summary>
    public IPersistentState<TState> PersistentState<TState>(string stateName) where TState : new()
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var state = new PersistentState<TState>(_activation.Silo.Storage, _activation.Id, stateName);
        _activation.AttachState(state);
        return state;
    }
}
