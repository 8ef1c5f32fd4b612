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
    /// <summary>Events read and handed to the grains at a time; two chunks are in flight.</summary>
    internal int ChunkSize { get; init; } = 5_000;

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
        Task? latest = null;
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

                latest = dispatcher.DispatchAsync(events, dirty);
                reading = log.ReadAsync(chunk[^1].Position, ChunkSize, cancellationToken);
                if (previous is not null)
                {
                    await previous.ConfigureAwait(false);
                }

                // Dispatched, not yet applied: returned only once the last chunk is applied too.
                previous = latest;
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
            // The read ahead is not needed any more; observe it so its failure is not unobserved.
            _ = reading.ContinueWith(static t => t.Exception, TaskScheduler.Default);

            // The start fails: let the chunks in flight finish first, so no grain turn or write of
            // this replay runs on into the shutdown.
            await SettledAsync(previous, latest).ConfigureAwait(false);
            throw;
        }

        if (replayed > 0)
        {
            logger.LogInformation("Replayed {Count} events from the log; applied up to position {Position}", replayed, position);
        }

        return (position, replayed);
    }

    private static async Task SettledAsync(Task? first, Task? second)
    {
        foreach (var applying in new[] { first, second })
        {
            try
            {
                if (applying is not null)
                {
                    await applying.ConfigureAwait(false);
                }
            }
            catch
            {
                // Already failing the replay; one failure is enough to report.
            }
        }
    }
}
