namespace CustomerSuccess.Actors;

/// <summary>Why an activation is going away.</summary>
public enum DeactivationReason
{
    /// <summary>Not called for longer than the collection age.</summary>
    IdleCollection,
    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,
    /// <summary>The silo is shutting down.</summary>
    SiloShutdown,
}
