namespace CustomerSuccess.Actors.Runtime;

/// <summary>Runtime settings of a silo.</summary>
public sealed class SiloOptions
{
    /// <summary>An activation not called for this long is deactivated (Orleans' default: 15 minutes).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether idle activations are collected at all (a replay may keep everything resident).</summary>
    public bool CollectIdleActivations { get; set; } = true;

    /// <summary>
    /// Keep grain states as live objects in process memory instead of writing serialised copies to the
    /// storage provider: no JSON per write. For runs that never restart and keep nothing, such as a
    /// backtest's replay; the storage provider is then not used for grain state at all.
    /// </summary>
    public bool KeepStateObjects { get; set; }

    /// <summary>A wake-up whose grain call failed is tried again after this delay.</summary>
    public TimeSpan WakeUpRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (CollectionAge <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CollectionAge), CollectionAge, "The collection age must be positive.");
        }

        if (WakeUpRetryDelay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(WakeUpRetryDelay), WakeUpRetryDelay, "The wake-up retry delay must be positive.");
        }
    }
}
