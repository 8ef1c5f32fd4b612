namespace CustomerSuccess.Silo.Hosting;

/// <summary>The "Silo" configuration section (appsettings or environment, e.g. Silo__CollectionAge).</summary>
public sealed class SiloHostOptions
{
    public const string SectionName = "Silo";

    /// <summary>How long an activation may stay idle before it is collected.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a graceful stop may take: the last checkpoint writes every customer changed since
    /// the one before. Cut short, nothing is lost (the next start replays more of the log).
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>PostgreSQL mode: how often changed customer states are written and the log's watermark stored.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>PostgreSQL mode: checkpoint sooner once this many events were applied since the last one (bounds the replay at restart).</summary>
    public long CheckpointEveryEvents { get; set; } = 250_000;

    /// <summary>
    /// PostgreSQL mode: checkpoint sooner once this many customers applied events since the last one.
    /// A restart's replay costs one activation per customer in the log's tail, far more than the events
    /// themselves, so this bounds the restart of a large portfolio, where nearly every event is another
    /// customer. A small portfolio never reaches it, so its checkpoints are no more frequent.
    /// </summary>
    public int CheckpointEveryCustomers { get; set; } = 100_000;

    /// <summary>
    /// PostgreSQL mode: how many customer state writes a checkpoint keeps in flight. Enough to fill
    /// the storage's group commits; few enough that the requests served meanwhile wait behind at
    /// most this many serialisations.
    /// </summary>
    public int CheckpointWritesInFlight { get; set; } = 100;
}
