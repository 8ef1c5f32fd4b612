namespace CustomerSuccess.Actors.Tests.TestGrains;

/// <summary>Holds a turn open on a gate, to prove blocking and interleaving.</summary>
public interface IGateGrain : IGrainWithStringKey
{
    /// <summary>Awaits the probe's gate; the activation is blocked meanwhile.</summary>
    Task<string> WaitAtGateAsync();

    Task<string> NormalAsync();

    [AlwaysInterleave]
    Task<string> InterleavedAsync();
}
