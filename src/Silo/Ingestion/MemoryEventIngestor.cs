using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Silo.Ingestion;

/// <summary>
/// Memory mode: events go straight to the customer grains, whose recent-id memory catches retried
/// events. Nothing survives a restart; the silo says so at startup.
/// </summary>
public sealed class MemoryEventIngestor(CustomerEventDispatcher dispatcher) : IEventIngestor
{
    public async Task<IngestResult> IngestAsync(IReadOnlyList<TouchpointEvent> events, CancellationToken cancellationToken)
    {
        var unique = BatchDeduplication.FirstOfEachId(events, out var repeated);

        // No log: nothing to skip on replay and no checkpoint to keep.
        var result = await dispatcher.DispatchAsync(LoggedTouchpoint.Unlogged(unique), dirty: null).ConfigureAwait(false);
        return result with { Duplicates = result.Duplicates + repeated };
    }
}
