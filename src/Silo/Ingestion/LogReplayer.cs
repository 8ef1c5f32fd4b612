using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.Checkpoints;
using CustomerSuccess.Silo.EventLog;
using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Silo.Ingestion;

/// <summary>
/// Crash recovery: applies the log after the stored watermark, in position order, before the silo
/// takes new events. Each customer skips what its stored state already holds (its last applied
/// position), so every event counts exactly once. The replayed customers are left dirty for the
/// next checkpoint; the stored watermark moves only then.
/// </summary>
public sealed class LogReplayer(IEventLog log, ILogCheckpoint checkpoint, CustomerEventDispatcher dispatcher, DirtyCustomers dirty, ILogger<LogReplayer> logger)
{
    private const int ChunkSize = 5_000;

    /// <summary>Where the last completed checkpoint left the log.</summary>
    public Task<long> StoredWatermarkAsync(CancellationToken cancellationToken) => checkpoint.ReadAsync(cancellationToken);

    /// <summary>Replays the log after <paramref name="stored"/>; returns the position applied up to, with how many events were read.</summary>
    public async Task<(long Watermark, long Replayed)> ReplayAsync(long stored, CancellationToken cancellationToken)
    {
        var position = stored;
        long replayed = 0;

        // The next chunk is read while the grains apply the current one, but it is handed to them
        // only once the current one is applied: a customer whose call failed must not apply later
        // events, or its position would pass the ones it missed and they would be skipped for good.
        var reading = log.ReadAsync(position, ChunkSize, cancellationToken);
        while (true)
        {
            var chunk = await reading.ConfigureAwait(false);
            if (chunk.Count == 0)
            {
                break;
            }

            var events = new LoggedTouchpoint[chunk.Count];
            for (var i = 0; i < chunk.Count; i++)
            {
                events[i] = new LoggedTouchpoint(chunk[i].Position, EventPayload.Deserialize(chunk[i].Event.Payload));
            }

            var applying = dispatcher.DispatchAsync(events, dirty);
            reading = log.ReadAsync(chunk[^1].Position, ChunkSize, cancellationToken);
            try
            {
                await applying.ConfigureAwait(false);
            }
            catch
            {
                // The read ahead is not needed any more; observe it so its failure is not unobserved.
                _ = reading.ContinueWith(static t => t.Exception, TaskScheduler.Default);
                throw;
            }

            position = chunk[^1].Position;
            replayed += chunk.Count;
        }

        if (replayed > 0)
        {
            logger.LogInformation("Replayed {Count} events from the log; applied up to position {Position}", replayed, position);
        }

        return (position, replayed);
    }
}
