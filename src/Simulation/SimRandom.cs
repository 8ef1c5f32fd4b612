namespace CustomerSuccess.Simulation;

/// <summary>
/// SplitMix64: tiny, fast and fully specified, so a seed gives the same portfolio on every runtime
/// (System.Random's seeded sequence is not a documented contract). One stream per customer lets
/// customers be generated independently, in parallel, in any order.
/// </summary>
internal struct SimRandom
{
    private ulong _state;

    public SimRandom(int seed, int stream)
    {
        _state = unchecked(((ulong)(uint)seed << 32) ^ (ulong)(uint)stream * 0xD1B54A32D192ED03UL);
        NextUInt64();
    }

    public ulong NextUInt64()
    {
        var z = unchecked(_state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + (int)(NextDouble() * (maxExclusive - min));

    public double Between(double min, double max) => min + NextDouble() * (max - min);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(T[] items) => items[Next(0, items.Length)];
}
