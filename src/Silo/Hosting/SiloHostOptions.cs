namespace CustomerSuccess.Silo.Hosting;

/// <summary>The "Silo" configuration section (appsettings or environment, e.g. Silo__CollectionAge).</summary>
public sealed class SiloHostOptions
{
    public const string SectionName = "Silo";

    /// <summary>How long an activation may stay idle before it is collected.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);
}
