using System.Net.Sockets;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.EventLog;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CustomerSuccess.Silo.Ingestion;

/// <summary>
/// PostgreSQL mode: a batch is committed to the event log (group-committed with concurrent
/// batches) and only then handed to the customer grains. An event the grains have not applied
/// when the process dies is above the applied watermark and is replayed at the next start.
/// </summary>
public sealed class PostgresEventIngestor(
    LogAppender appender,
    AppliedWatermark watermark,
    CustomerEventDispatcher dispatcher,
    ILogger<PostgresEventIngestor> logger) : IEventIngestor
{
    public async Task<IngestResult> IngestAsync(IReadOnlyList<TouchpointEvent> events, CancellationToken cancellationToken)
    {
        var unique = BatchDeduplication.FirstOfEachId(events, out var repeated);
        var logEvents = new LogEvent[unique.Count];
        for (var i = 0; i < unique.Count; i++)
        {
            var e = unique[i];
            logEvents[i] = new LogEvent(e.Id, e.CustomerId, CustomerPartitioner.PartitionOf(e.CustomerId), e.OccurredAt, EventPayload.Serialize(e));
        }

        AppendedBatch batch;
        try
        {
            batch = await appender.AppendAsync(logEvents).ConfigureAwait(false);
        }
        catch (Exception error) when (IsStorageFailure(error))
        {
            throw new StorageUnavailableException("The event log is unreachable; nothing of this batch was stored.", error);
        }

        // Safe from here on. The grains apply only what is new to the log.
        var fresh = new TouchpointEvent[batch.Appended.Count];
        var byId = new Dictionary<string, TouchpointEvent>(unique.Count, StringComparer.Ordinal);
        foreach (var e in unique)
        {
            byId[e.Id] = e;
        }

        for (var i = 0; i < fresh.Length; i++)
        {
            fresh[i] = byId[batch.Appended[i].Event.EventId];
        }

        try
        {
            await dispatcher.DispatchAsync(fresh).ConfigureAwait(false);
            watermark.RequestApplied(batch.Flush);
        }
        catch (Exception error)
        {
            // Committed but not applied: the watermark stays below these events, so a restart
            // replays them. The integrator's events are safe; say so rather than fail the request.
            logger.LogError(error, "Applying {Count} committed events failed; they will be replayed from the log at the next start", fresh.Length);
        }

        return new IngestResult(batch.Appended.Count, batch.Duplicates + repeated);
    }

    internal static bool IsStorageFailure(Exception error) =>
        error is NpgsqlException or SocketException or TimeoutException or ObjectDisposedException
        || error.InnerException is { } inner && IsStorageFailure(inner);
}
