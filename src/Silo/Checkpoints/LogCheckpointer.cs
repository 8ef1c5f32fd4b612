using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Customers;
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

    /// <summary>Takes a checkpoint now; false if some state could not be written (the watermark then stays).</summary>
    public async Task<bool> CheckpointAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Read before taking the set: a customer with an event at or below W was noted dirty
            // before that event was applied, so before W moved past it.
            var applied = watermark.Applied;
            var customers = dirty.Take();
            if (customers.Count == 0 && applied <= Stored)
            {
                return true;
            }

            var started = time.GetTimestamp();
            var writes = new Task[customers.Count];
            var i = 0;

            // A bounded number of writes in flight: a write queued at every dirty customer at once
            // (a minute of traffic touches most of the portfolio) would hold each one's next events
            // behind it and queue the serialisation of every state in front of the requests being
            // served, so ingestion and reads would stall for the whole checkpoint instead of sharing
            // the machine with it.
            using (var window = new SemaphoreSlim(options.CheckpointWritesInFlight))
            {
                foreach (var customerId in customers)
                {
                    await window.WaitAsync().ConfigureAwait(false);
                    writes[i++] = WriteAsync(customerId, window);
                }

                // Every permit back: every write has finished.
                for (var w = 0; w < options.CheckpointWritesInFlight; w++)
                {
                    await window.WaitAsync().ConfigureAwait(false);
                }
            }

            Exception? failure = null;
            foreach (var write in writes)
            {
                if (!write.IsCompletedSuccessfully)
                {
                    failure ??= write.Exception?.GetBaseException() ?? new OperationCanceledException("A customer's state write was cancelled.");
                }
            }

            if (failure is not null)
            {
                // Whoever did not write stays dirty for the next attempt (the later ones still wrote);
                // the stored watermark holds.
                i = 0;
                foreach (var customerId in customers)
                {
                    if (!writes[i++].IsCompletedSuccessfully)
                    {
                        dirty.Add(customerId);
                    }
                }

                logger.LogWarning(failure, "Checkpoint at position {Position} failed; the stored watermark stays at {Stored}", applied, Stored);
                return false;
            }

            await checkpoint.WriteAsync(applied, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _stored, Math.Max(Stored, applied));
            logger.LogInformation("Checkpoint at position {Position}: {Customers} customer states written in {Elapsed}", applied, customers.Count, time.GetElapsedTime(started));
            return true;
        }
        finally
        {
            _oneAtATime.Release();
        }
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
