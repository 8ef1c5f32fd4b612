using CustomerSuccess.Silo.EventLog;
using CustomerSuccess.Silo.Ingestion;
using CustomerSuccess.Silo.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CustomerSuccess.Silo.Hosting;

/// <summary>PostgreSQL mode: migrate the schema before the silo starts, replay the log after it, save the watermark at stop.</summary>
internal sealed class PostgresStorageLifecycle(
    NpgsqlDataSource dataSource,
    SchemaMigrator migrator,
    LogReplayer replayer,
    AppliedWatermark watermark,
    ILogger<PostgresStorageLifecycle> logger) : IStorageLifecycle
{
    public async Task BeforeSiloStartAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        logger.LogInformation("Storage: PostgreSQL at {Host}:{Port}, database {Database}", builder.Host, builder.Port, builder.Database);
        await migrator.MigrateAsync(cancellationToken);
    }

    public async Task AfterSiloStartAsync(CancellationToken cancellationToken)
    {
        var (position, replayed) = await replayer.ReplayAsync(cancellationToken);
        watermark.StartAt(position);
        logger.LogInformation("Event log recovered: applied up to position {Position} ({Replayed} events replayed)", position, replayed);
    }

    public async Task AfterSiloStopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await watermark.FlushAsync(cancellationToken);
        }
        catch (Exception error) when (PostgresEventIngestor.IsStorageFailure(error))
        {
            logger.LogWarning(error, "Could not save the applied watermark at shutdown; the next start replays a little more of the log");
        }
    }
}
