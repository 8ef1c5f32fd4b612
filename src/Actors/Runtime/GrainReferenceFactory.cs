using System.Runtime.CompilerServices;

namespace CustomerSuccess.Actors.Runtime;

/// <summary>
/// Where the generated reference classes register themselves (from a module initializer), one
/// factory per grain interface, looked up through a static generic field: no dictionary, no reflection.
/// </summary>
public static class GrainReferenceFactory
{
    public static void Register<TGrainInterface>(Func<GrainId, SiloRuntime, TGrainInterface> factory)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(factory);
        Cache<TGrainInterface>.Factory = factory;
    }

    internal static TGrainInterface Create<TGrainInterface>(GrainId id, SiloRuntime silo)
        where TGrainInterface : IGrainWithStringKey
    {
        var factory = Cache<TGrainInterface>.Factory;
        if (factory is null)
        {
            // The interface's assembly may not have run its module initializer yet.
            RuntimeHelpers.RunModuleConstructor(typeof(TGrainInterface).Module.ModuleHandle);
            factory = Cache<TGrainInterface>.Factory
                ?? throw new InvalidOperationException(
                    $"No grain reference was generated for {typeof(TGrainInterface).FullName}. The project that declares it must reference Actors.CodeGen as an analyzer.");
        }

        return factory(id, silo);
    }

    private static class Cache<TGrainInterface>
    {
        public static Func<GrainId, SiloRuntime, TGrainInterface>? Factory;
    }
}
