using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Silo.Ingestion;

/// <summary>
/// Takes a validated batch of touchpoints and returns once they are safe: committed to the event
/// log in PostgreSQL mode (then applied by the customer grains), applied in memory mode.
/// </summary>
public interface IEventIngestor
{
    /// <summary>
    /// Ingests the batch. An event id repeated within the batch or already ingested counts as a
    /// duplicate and is stored once. Throws <see cref="StorageUnavailableException"/> when the
    /// storage cannot take the batch; then nothing of it was stored.
    /// </summary>
    Task<IngestResult> IngestAsync(IReadOnlyList<TouchpointEvent> events, CancellationToken cancellationToken);
}
