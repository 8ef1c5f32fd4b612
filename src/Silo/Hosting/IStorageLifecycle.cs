namespace CustomerSuccess.Silo.Hosting;

/// <summary>What the storage mode does around the silo's start and stop (schema, recovery, announcements).</summary>
public interface IStorageLifecycle
{
    Task BeforeSiloStartAsync(CancellationToken cancellationToken);

    Task AfterSiloStartAsync(CancellationToken cancellationToken);

    Task BeforeSiloStopAsync(CancellationToken cancellationToken);

    Task AfterSiloStopAsync(CancellationToken cancellationToken);
}
