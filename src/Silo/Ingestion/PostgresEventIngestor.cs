using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.EventLog;
using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Silo.Ingestion;

/// <summary>
/// PostgreSQL mode: a batch is committed to the event log (group-committed with concurrent
/// batches) and only then handed to the customer grains, in log order. An event the grains have
/// not applied, or applied but not checkpointed, when the process dies is above the stored
/// watermark and is replayed at the next start.
/// </summary>
public sealed class PostgresEventIngestor(LogAppender appender, ILogger<PostgresEventIngestor> logger) : IEventIngestor
{
    public async Task<IngestResult> IngestAsync(IReadOnlyList<TouchpointEvent> events, CancellationToken cancellationToken)
    {
        var unique = BatchDeduplication.FirstOfEachId(events, out var repeated);
        AppendedBatch batch;
        try
        {
            batch = await appender.AppendAsync(unique).ConfigureAwait(false);
        }
        catch (Exception error) when (StorageOutage.Is(error))
        {
            throw new StorageUnavailableException("The event log is unreachable; nothing of this batch was stored.", error);
        }

        // Safe from here on. Waiting for the grains means a 202 is followed by a state that shows it.
        try
        {
            await batch.Applied.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // Committed but not applied: the integrator's events are safe and a restart replays
            // them, so say so in the log rather than fail the request.
            logger.LogError(error, "Applying {Count} committed events failed; they will be replayed from the log at the next start", batch.Appended);
        }

        return new IngestResult(batch.Appended, batch.Duplicates + repeated);
    }
}
