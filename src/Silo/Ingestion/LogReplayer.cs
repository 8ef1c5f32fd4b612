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

        // The next chunk is read while the grains apply the current one, and handed to them before the
        // current one is done, so the cores do not idle through the slowest customers of every chunk.
        // Order per customer is the dispatcher's: a customer's next call waits for its previous one,
        // and a customer whose call failed takes no later events (its position must not pass the
        // events it missed). At most two chunks are in flight, and a failure stops the replay.
        var reading = log.ReadAsync(position, ChunkSize, cancellationToken);
        Task? previous = null;
        try
        {
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
                if (previous is not null)
                {
                    await ObserveOnFailure(previous, applying).ConfigureAwait(false);
                }

                previous = applying;
                position = chunk[^1].Position;
                replayed += chunk.Count;
            }

            if (previous is not null)
            {
                await previous.ConfigureAwait(false);
            }
        }
        catch
        {
            // Neither the read ahead nor a chunk still applying is awaited any more; observe them so
            // their failures are not unobserved.
            _ = reading.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            _ = previous?.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            throw;
        }

        if (replayed > 0)
        {
            logger.LogInformation("Replayed {Count} events from the log; applied up to position {Position}", replayed, position);
        }

        return (position, replayed);
    }

    // Awaits the earlier chunk; if it failed, the later one is observed too before the failure goes up.
    private static async Task ObserveOnFailure(Task earlier, Task later)
    {
        try
        {
            await earlier.ConfigureAwait(false);
        }
        catch
        {
            _ = later.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            throw;
        }
    }
}
