using CustomerSuccess.Silo.Checkpoints;
using CustomerSuccess.Silo.EventLog;
using CustomerSuccess.Silo.Ingestion;
using CustomerSuccess.Silo.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CustomerSuccess.Silo.Hosting;

/// <summary>
/// PostgreSQL mode: migrate the schema before the silo starts, replay the log after it and start
/// the checkpoints; at stop, stop taking events and take a last checkpoint while the grains still run.
/// </summary>
internal sealed class PostgresStorageLifecycle(
    NpgsqlDataSource dataSource,
    SchemaMigrator migrator,
    LogReplayer replayer,
    AppliedWatermark watermark,
    LogCheckpointer checkpointer,
    LogAppender appender,
    CommittedEventApplier applier,
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
        var stored = await replayer.StoredWatermarkAsync(cancellationToken);
        var (position, replayed) = await replayer.ReplayAsync(stored, cancellationToken);
        watermark.StartAt(position);
        checkpointer.Start(stored);
        logger.LogInformation("Event log recovered: applied up to position {Position} ({Replayed} events replayed)", position, replayed);
    }

    public async Task BeforeSiloStopAsync(CancellationToken cancellationToken)
    {
        // Requests still arriving fail with "shutting down"; those committed are applied first.
        await appender.DisposeAsync();
        await applier.DisposeAsync();
        try
        {
            await checkpointer.StopAsync(cancellationToken);
        }
        // Whatever the server refused (an outage or not), the log still holds every event: log it and stop.
        catch (Exception error) when (error is Npgsql.NpgsqlException || StorageOutage.Is(error) || error is OperationCanceledException)
        {
            logger.LogWarning(error, "The last checkpoint failed; the next start replays the log from the previous one");
        }
    }

    public Task AfterSiloStopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
