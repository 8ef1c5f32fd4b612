using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.Ingestion;

namespace CustomerSuccess.Api.Bench;

/// <summary>Accepts every validated batch and drops it: what is left of POST /v1/events is the HTTP layer.</summary>
public sealed class DiscardingIngestor : IEventIngestor
{
    public Task<IngestResult> IngestAsync(IReadOnlyList<TouchpointEvent> events, CancellationToken cancellationToken) =>
        Task.FromResult(new IngestResult(events.Count, 0));
}
