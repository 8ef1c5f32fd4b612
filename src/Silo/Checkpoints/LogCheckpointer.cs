using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Portfolio;
using CustomerSuccess.Silo.EventLog;
using CustomerSuccess.Silo.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Silo.Checkpoints;

/// <summary>
/// Makes the log's applied watermark durable. A checkpoint reads the in-memory watermark W, asks
/// every customer that applied events since the last checkpoint to write its state (each state
/// carries its last applied position), and only when all have written stores W: after a crash,
/// replay starts at W and every customer skips what its state already holds. Runs every
/// <see cref="SiloHostOptions.CheckpointInterval"/>, sooner when the log has grown by
/// <see cref="SiloHostOptions.CheckpointEveryEvents"/> or <see cref="SiloHostOptions.CheckpointEveryCustomers"/>
/// customers applied events (both bound the replay at restart), and once more at shutdown.
/// </summary>
public sealed class LogCheckpointer(
    AppliedWatermark watermark,
    DirtyCustomers dirty,
    IGrainFactory grains,
    ILogCheckpoint checkpoint,
    SiloHostOptions options,
    TimeProvider time,
    ILogger<LogCheckpointer> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _stored;

    /// <summary>
    /// Written customers between stores of the watermark during a checkpoint: at thousands of state
    /// writes a second, about one small update of the watermark row a second.
    /// </summary>
    internal int ProgressEvery { get; init; } = 5_000;

    /// <summary>The watermark last stored.</summary>
    public long Stored => Volatile.Read(ref _stored);

    /// <summary>Starts the periodic checkpoints from the watermark recovery left.</summary>
    public void Start(long stored)
    {
        Volatile.Write(ref _stored, stored);
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>Stops the periodic checkpoints and takes a last one.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await CheckpointAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a checkpoint now; false if some state could not be written (the watermark then stops before it).</summary>
    public async Task<bool> CheckpointAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Read before taking the set: a customer with an event at or below W was noted dirty
            // before that event was applied, so before W moved past it.
            var applied = watermark.Applied;
            var taken = dirty.Take();
            if (taken.Count == 0 && applied <= Stored)
            {
                return true;
            }

            var started = time.GetTimestamp();
            var customers = new string[taken.Count];
            var firstPositions = new long[taken.Count];
            taken.Keys.CopyTo(customers, 0);
            taken.Values.CopyTo(firstPositions, 0);
            Array.Sort(firstPositions, customers);

            // The portfolio entries that events up to W changed may sit only in the partitions' memory
            // until their timer. They are written first: a watermark stored below moves a replay past
            // those events, and a customer not replayed never sends its entry again.
            try
            {
                await SavePortfolioAsync().ConfigureAwait(false);
            }
            catch (Exception error)
            {
                for (var i = 0; i < customers.Length; i++)
                {
                    dirty.Add(customers[i], firstPositions[i]);
                }

                logger.LogWarning(error, "Checkpoint at position {Position} put off: the portfolio partitions could not write", applied);
                return false;
            }

            // A bounded number of writes in flight: a write queued at every dirty customer at once
            // (a minute of traffic touches most of the portfolio) would hold each one's next events
            // behind it and queue the serialisation of every state in front of the requests being
            // served, so ingestion and reads would stall for the whole checkpoint instead of sharing
            // the machine with it.
            //
            // Oldest first, with the watermark stored as the written run from the first grows: it may
            // move to just before the first event of the oldest customer not yet written. A crash
            // during a long checkpoint then replays from there, not from where the previous checkpoint
            // ended, so the tail a crash leaves is about one checkpoint's worth of events, not two.
            var writes = new Task[customers.Length];
            var written = 0;
            var stored = 0;
            using (var window = new SemaphoreSlim(options.CheckpointWritesInFlight))
            {
                for (var i = 0; i < customers.Length; i++)
                {
                    await window.WaitAsync().ConfigureAwait(false);
                    writes[i] = WriteAsync(customers[i], window);
                    written = WrittenRun(writes, written);
                    stored = await StoreProgressAsync(firstPositions, applied, written, stored).ConfigureAwait(false);
                }

                // In order, so the watermark keeps following the oldest customer not yet written.
                foreach (var write in writes)
                {
                    try
                    {
                        await write.ConfigureAwait(false);
                    }
                    catch
                    {
                        // Counted below; the later ones still finish.
                    }

                    written = WrittenRun(writes, written);
                    stored = await StoreProgressAsync(firstPositions, applied, written, stored).ConfigureAwait(false);
                }
            }

            Exception? failure = null;
            for (var i = 0; i < writes.Length; i++)
            {
                if (!writes[i].IsCompletedSuccessfully)
                {
                    failure ??= writes[i].Exception?.GetBaseException() ?? new OperationCanceledException("A customer's state write was cancelled.");

                    // Whoever did not write stays dirty, from the same position, for the next attempt.
                    dirty.Add(customers[i], firstPositions[i]);
                }
            }

            if (failure is not null)
            {
                // The watermark goes as far as the written run from the first: just before the oldest
                // customer that did not write (later ones wrote, but the replay must reach that one).
                await StoreAsync(Math.Min(applied, firstPositions[written] - 1), cancellationToken).ConfigureAwait(false);
                logger.LogWarning(failure, "Checkpoint at position {Position} failed; the stored watermark is at {Stored}", applied, Stored);
                return false;
            }

            await StoreAsync(applied, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Checkpoint at position {Position}: {Customers} customer states written in {Elapsed}", applied, customers.Length, time.GetElapsedTime(started));
            return true;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    // How many writes from the first on have all succeeded, going on from a run already known.
    private static int WrittenRun(Task[] writes, int known)
    {
        while (known < writes.Length && writes[known] is { IsCompletedSuccessfully: true })
        {
            known++;
        }

        return known;
    }

    // Called as writes finish: stores the watermark once the written run from the first has grown
    // enough since the last store. Best effort, and never cancelled: the writes under way must still be
    // waited for and the customers not yet written kept dirty, or a later checkpoint would store a
    // watermark past their unsaved events. A store that fails only leaves the watermark where it was.
    private async Task<int> StoreProgressAsync(long[] firstPositions, long applied, int written, int stored)
    {
        if (written - stored < ProgressEvery || written >= firstPositions.Length)
        {
            return stored;
        }

        try
        {
            await StoreAsync(Math.Min(applied, firstPositions[written] - 1), CancellationToken.None).ConfigureAwait(false);
            return written;
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Storing the watermark during a checkpoint failed; it stays at {Stored} until a later store", Stored);
            return stored;
        }
    }

    private async Task StoreAsync(long position, CancellationToken cancellationToken)
    {
        if (position <= Stored)
        {
            return;
        }

        await checkpoint.WriteAsync(position, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _stored, position);
    }

    private Task SavePortfolioAsync()
    {
        var saves = new Task[PortfolioPartitions.Count];
        for (var p = 0; p < saves.Length; p++)
        {
            saves[p] = grains.GetGrain<IPortfolioPartitionGrain>(PortfolioPartitions.Key(p)).SaveAsync();
        }

        return Task.WhenAll(saves);
    }

    private async Task WriteAsync(string customerId, SemaphoreSlim window)
    {
        try
        {
            await grains.GetGrain<ICustomerGrain>(customerId).CheckpointAsync().ConfigureAwait(false);
        }
        finally
        {
            window.Release();
        }
    }

    /// <summary>Whether the periodic loop takes a checkpoint, <paramref name="sinceLast"/> after the last one.</summary>
    internal bool IsDue(TimeSpan sinceLast) =>
        sinceLast >= options.CheckpointInterval
        || watermark.Applied - Stored >= options.CheckpointEveryEvents
        || dirty.Count >= options.CheckpointEveryCustomers;

    private async Task RunAsync(CancellationToken stopping)
    {
        // Poll often enough to notice the log growing; checkpoint on the interval or the growth.
        var poll = options.CheckpointInterval < TimeSpan.FromSeconds(1) ? options.CheckpointInterval : TimeSpan.FromSeconds(1);
        var last = time.GetTimestamp();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(poll, time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!IsDue(time.GetElapsedTime(last)))
            {
                continue;
            }

            try
            {
                await CheckpointAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // Storage away: the next round tries again; meanwhile a restart replays more.
                logger.LogWarning(error, "Checkpoint failed; retrying at the next interval");
            }

            last = time.GetTimestamp();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
        _oneAtATime.Dispose();
    }
}
