using System.Collections.Concurrent;

namespace CustomerSuccess.Actors.Tests.TestGrains;

/// <summary>What test grains saw, shared with the test through the silo's services.</summary>
public sealed class Probe
{
    public ConcurrentQueue<string> Events { get; } = new();

    public void Record(string entry) => Events.Enqueue(entry);

    public int Count(string entry) => Events.Count(e => e == entry);
}
