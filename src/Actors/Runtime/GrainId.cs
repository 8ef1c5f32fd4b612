namespace CustomerSuccess.Actors.Runtime;

/// <summary>The identity of a grain: its type and its key. Two references with equal ids reach the same activation.</summary>
public readonly record struct GrainId(GrainType Type, string Key)
{
    public override string ToString() => $"{Type.Name}/{Key}";
}
