using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.EventLog;
using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Silo.Ingestion;

/// <summary>
/// Crash recovery: applies the log after the applied watermark, in position order, before the
/// silo takes new events. Grains remember recent event ids, so events that were applied just
/// before the crash (above a watermark not yet written) count as duplicates, not twice.
/// </summary>
public sealed class LogReplayer(IEventLog log, ILogCheckpoint checkpoint, CustomerEventDispatcher dispatcher, ILogger<LogReplayer> logger)
{
    private const int ChunkSize = 5_000;

    /// <summary>Replays and returns the new watermark, with how many events were replayed.</summary>
    public async Task<(long Watermark, long Replayed)> ReplayAsync(CancellationToken cancellationToken)
    {
        var position = await checkpoint.ReadAsync(cancellationToken).ConfigureAwait(false);
        long replayed = 0;
        while (true)
        {
            var chunk = await log.ReadAsync(position, ChunkSize, cancellationToken).ConfigureAwait(false);
            if (chunk.Count == 0)
            {
                break;
            }

            var events = new TouchpointEvent[chunk.Count];
            for (var i = 0; i < chunk.Count; i++)
            {
                events[i] = EventPayload.Deserialize(chunk[i].Event.Payload);
            }

            await dispatcher.DispatchAsync(events).ConfigureAwait(false);
            position = chunk[^1].Position;
            replayed += chunk.Count;
            await checkpoint.WriteAsync(position, cancellationToken).ConfigureAwait(false);
        }

        if (replayed > 0)
        {
            logger.LogInformation("Replayed {Count} events from the log; applied up to position {Position}", replayed, position);
        }

        return (position, replayed);
    }
}
