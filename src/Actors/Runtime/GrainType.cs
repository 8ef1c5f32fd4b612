namespace CustomerSuccess.Actors.Runtime;

/// <summary>A registered grain class: the interface callers use, its name in storage, and how to construct it.</summary>
public sealed class GrainType
{
    internal GrainType(string name, Type interfaceType, Type grainClass, Func<GrainCreationContext, Grain> factory)
    {
        Name = name;
        InterfaceType = interfaceType;
        GrainClass = grainClass;
        Factory = factory;
    }

    /// <summary>Stable name used in storage and wake-up records (independent of CLR type names).</summary>
    public string Name { get; }

    public Type InterfaceType { get; }

    public Type GrainClass { get; }

    internal Func<GrainCreationContext, Grain> Factory { get; }

    public override string ToString() => Name;
}
