using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.Storage.Postgres;

namespace CustomerSuccess.Silo.EventLog;

/// <summary>
/// One writer for the log: concurrent requests are group-committed into a single INSERT per flush.
/// Each flush reserves its positions before the next one does, so flushes are ordered in the log;
/// the INSERTs of up to <see cref="FlushesInFlight"/> flushes then run at once, so the server inserts
/// one flush while the previous commits and the engine prepares the next. Each committed flush goes
/// to the <see cref="ICommittedFlushHandler"/> after every earlier flush, whichever commits first,
/// which is what keeps every customer's events in log order on their way to its grain.
/// </summary>
public sealed class LogAppender : IAsyncDisposable
{
    // Bounded by rows, not requests: many small requests (a hundred events each) share a flush, and
    // so a commit, as readily as a few large ones. A request holds at most 5,000 events.
    private const int MaxEventsPerFlush = 20_000;
    private const int MaxRequestsPerFlush = 1_000;

    // Two: one flush being inserted while the other commits or is being built. Measured: with one,
    // the log writer was busy 88 % of an ingestion run's time while the machine idled a fifth of it.
    private const int FlushesInFlight = 2;

    private readonly IEventLog _log;
    private readonly ICommittedFlushHandler _committed;
    private readonly GroupCommitQueue<PendingAppend> _queue;
    private readonly Lock _gate = new();
    private long _flushes;

    // Completes once the latest flush started is handed over (or failed); never faults.
    private Task _handedOver = Task.CompletedTask;

    // The latest flush started (under _gate), and every flush handed over so far applied (only
    // touched by hand-overs, which run one after another); the latter never faults.
    private StartedFlush? _latestStarted;
    private Task _everyHandedOverApplied = Task.CompletedTask;

    public LogAppender(IEventLog log, ICommittedFlushHandler committed)
    {
        _log = log;
        _committed = committed;
        _queue = new GroupCommitQueue<PendingAppend>(StartFlushAsync, FlushesInFlight, MaxRequestsPerFlush, static request => request.LogEvents.Length, MaxEventsPerFlush);
    }

    /// <summary>
    /// Appends events with distinct ids; returns once they are committed, with how many were new
    /// and a task that completes when those are applied.
    /// </summary>
    public Task<AppendedBatch> AppendAsync(IReadOnlyList<TouchpointEvent> events)
    {
        // The payloads are serialised on the caller's thread, not in the single flush loop.
        var logEvents = new LogEvent[events.Count];
        for (var i = 0; i < logEvents.Length; i++)
        {
            var e = events[i];
            logEvents[i] = new LogEvent(e.Id, e.CustomerId, CustomerPartitioner.PartitionOf(e.CustomerId), e.OccurredAt, EventPayload.Serialize(e));
        }

        var pending = new PendingAppend(events, logEvents);
        _queue.Enqueue(pending);
        return pending.Task;
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    // In the queue's loop, one flush after another: the positions, then the INSERT set going.
    private async Task<Task> StartFlushAsync(List<PendingAppend> requests, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var request in requests)
        {
            total += request.LogEvents.Length;
        }

        var all = new List<LogEvent>(total);
        foreach (var request in requests)
        {
            all.AddRange(request.LogEvents);
        }

        var positions = await _log.ReservePositionsAsync(total, cancellationToken).ConfigureAwait(false);
        var started = new StartedFlush();
        lock (_gate)
        {
            if (_latestStarted is { } previousFlush)
            {
                previousFlush.Next = started;
            }

            _latestStarted = started;
        }

        // Once this flush is the previous one's Next, it must reach its hand-over, which settles
        // what a request waiting for it is waiting on, even if the log throws before its first await.
        Task<AppendResult> appended;
        try
        {
            appended = _log.AppendAsync(all, positions, cancellationToken);
        }
        catch (Exception error)
        {
            appended = Task.FromException<AppendResult>(error);
        }

        var handOver = HandOverAsync(requests, appended, _handedOver, started);
        _handedOver = Settled(handOver);
        return handOver;
    }

    // After the previous flush is handed over: this one's committed events go to the grains and its
    // requests hear back. A failed INSERT throws here, and the queue fails its requests.
    private async Task HandOverAsync(List<PendingAppend> requests, Task<AppendResult> appended, Task previous, StartedFlush started)
    {
        var applied = Task.CompletedTask;
        try
        {
            AppendResult result;
            try
            {
                result = await appended.ConfigureAwait(false);
            }
            finally
            {
                await previous.ConfigureAwait(false);
            }

            var flush = new LogFlush(++_flushes, result.Appended.Count == 0 ? null : result.Appended[^1].Position, requests.Count);

            // The log hands back the new events in the flush's order, as the very objects it was given
            // (IEventLog.AppendAsync), so walking the requests alongside finds each one's sender without
            // a table of thousands of ids per flush. Of an id sent twice, the row kept is the first
            // copy, which is the first sender's object.
            var logged = new LoggedTouchpoint[result.Appended.Count];
            var k = 0;
            foreach (var request in requests)
            {
                for (var i = 0; i < request.LogEvents.Length && k < logged.Length; i++)
                {
                    if (ReferenceEquals(request.LogEvents[i], result.Appended[k].Event))
                    {
                        request.New++;
                        logged[k] = new LoggedTouchpoint(result.Appended[k].Position, request.Events[i]);
                        k++;
                    }
                }
            }

            if (k != logged.Length)
            {
                throw new InvalidOperationException("The log returned an event that is not in the flush, or not in the flush's order.");
            }

            try
            {
                applied = _committed.OnCommitted(flush, logged);
            }
            catch (Exception error)
            {
                applied = Task.FromException(error);
            }

            // A duplicate's first copy may belong to a flush still being applied: an earlier one, or
            // the next one if it was under way before this INSERT finished (its INSERT may have taken
            // the id first, and this one then waited for it). A request with duplicates hears back
            // once those are applied too, so its reply is followed by a state that shows every event.
            var earlier = _everyHandedOverApplied;
            _everyHandedOverApplied = Task.WhenAll(earlier, Settled(applied));
            StartedFlush? next;
            lock (_gate)
            {
                next = started.Next;
            }

            Task? withFirstCopies = null;
            foreach (var request in requests)
            {
                var duplicates = request.Events.Count - request.New;
                var visible = duplicates == 0 ? applied : withFirstCopies ??= AppliedWithFirstCopiesAsync(applied, earlier, next);
                request.TrySetResult(new AppendedBatch(flush, request.New, duplicates, visible));
            }
        }
        finally
        {
            started.Applied.TrySetResult(applied);
        }
    }

    // Waits for the flushes that may hold first copies without taking on their failures: this
    // request's own outcome is its flush's.
    private static async Task AppliedWithFirstCopiesAsync(Task applied, Task earlier, StartedFlush? next)
    {
        await earlier.ConfigureAwait(false);
        if (next is not null)
        {
            var nextApplied = await next.Applied.Task.ConfigureAwait(false);
            await Settled(nextApplied).ConfigureAwait(false);
        }

        await applied.ConfigureAwait(false);
    }

    // Completes when the task does, whatever its outcome: for waiting on a flush without taking on its failure.
    private static Task Settled(Task task) =>
        task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>A flush from its start on: the one started after it, and its applied task once handed over (completed if it failed).</summary>
    private sealed class StartedFlush
    {
        public StartedFlush? Next { get; set; }

        public TaskCompletionSource<Task> Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class PendingAppend(IReadOnlyList<TouchpointEvent> events, LogEvent[] logEvents)
        : TaskCompletionSource<AppendedBatch>(TaskCreationOptions.RunContinuationsAsynchronously), IGroupCommitItem
    {
        public IReadOnlyList<TouchpointEvent> Events { get; } = events;

        public LogEvent[] LogEvents { get; } = logEvents;

        public int New { get; set; }

        public void Fail(Exception error) => TrySetException(error);
    }
}

/// <summary>One committed flush: its order, its last position (none if all were duplicates) and how many requests share it.</summary>
public sealed record LogFlush(long Sequence, long? LastPosition, int Requests);

/// <summary>
/// A request's share of a flush: how many of its events were new and how many duplicates, and when
/// they are applied (the flush, and for a request with duplicates also the flushes that may hold
/// their first copies).
/// </summary>
public sealed record AppendedBatch(LogFlush Flush, int Appended, int Duplicates, Task Applied);
