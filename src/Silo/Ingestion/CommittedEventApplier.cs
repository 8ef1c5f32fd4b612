using System.Threading.Channels;
using Channel = System.Threading.Channels.Channel;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.Checkpoints;
using CustomerSuccess.Silo.EventLog;

namespace CustomerSuccess.Silo.Ingestion;

/// <summary>
/// Applies committed flushes to the customer grains in flush order, on a loop of its own so the
/// log writer commits the next flush meanwhile. A flush's calls are all queued before the next
/// flush's, so each customer applies its events in log order; once a flush is applied the
/// watermark may pass it.
/// </summary>
public sealed class CommittedEventApplier : ICommittedFlushHandler, IAsyncDisposable
{
    private readonly CustomerEventDispatcher _dispatcher;
    private readonly AppliedWatermark _watermark;
    private readonly DirtyCustomers _dirty;
    private readonly Channel<CommittedFlush> _flushes = Channel.CreateUnbounded<CommittedFlush>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public CommittedEventApplier(CustomerEventDispatcher dispatcher, AppliedWatermark watermark, DirtyCustomers dirty)
    {
        _dispatcher = dispatcher;
        _watermark = watermark;
        _dirty = dirty;
        _loop = Task.Run(RunAsync);
    }

    public Task OnCommitted(LogFlush flush, LoggedTouchpoint[] events)
    {
        var committed = new CommittedFlush(flush, events);
        if (!_flushes.Writer.TryWrite(committed))
        {
            committed.TrySetException(new ObjectDisposedException(nameof(CommittedEventApplier), "The engine is shutting down; the flush is replayed at the next start."));
        }

        return committed.Task;
    }

    private async Task RunAsync()
    {
        var reader = _flushes.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var committed))
            {
                Task<IngestResult> applied;
                try
                {
                    applied = _dispatcher.DispatchAsync(committed.Events, _dirty);
                }
                catch (Exception error)
                {
                    applied = Task.FromException<IngestResult>(error);
                }

                _ = CompleteAsync(committed, applied);
            }
        }
    }

    private async Task CompleteAsync(CommittedFlush committed, Task applied)
    {
        try
        {
            await applied.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // The watermark stays below this flush (and so below every later one): a restart
            // replays it. The events are safe in the log.
            committed.TrySetException(error);
            return;
        }

        _watermark.FlushApplied(committed.Flush);
        committed.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        _flushes.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private sealed class CommittedFlush(LogFlush flush, LoggedTouchpoint[] events) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public LogFlush Flush { get; } = flush;

        public LoggedTouchpoint[] Events { get; } = events;
    }
}
