using CustomerSuccess.Silo.Storage.Postgres;

namespace CustomerSuccess.Silo.EventLog;

/// <summary>
/// One writer for the log: concurrent requests are group-committed into a single INSERT, so each
/// flush occupies a contiguous run of positions, flushes are ordered, and the applied watermark
/// can advance flush by flush without ever skipping an event still in flight.
/// </summary>
public sealed class LogAppender : IAsyncDisposable
{
    // A request holds at most 5,000 events, so a flush stays at or under 20,000 rows.
    private const int MaxRequestsPerFlush = 4;

    private readonly IEventLog _log;
    private readonly GroupCommitQueue<PendingAppend> _queue;
    private long _flushes;

    public LogAppender(IEventLog log)
    {
        _log = log;
        _queue = new GroupCommitQueue<PendingAppend>(FlushAsync, MaxRequestsPerFlush);
    }

    /// <summary>Appends a batch; returns once it is committed, with the flush it was part of.</summary>
    public Task<AppendedBatch> AppendAsync(IReadOnlyList<LogEvent> events)
    {
        var pending = new PendingAppend(events);
        _queue.Enqueue(pending);
        return pending.Task;
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task FlushAsync(List<PendingAppend> requests, CancellationToken cancellationToken)
    {
        var all = new List<LogEvent>();
        foreach (var request in requests)
        {
            all.AddRange(request.Events);
        }

        var result = await _log.AppendAsync(all, cancellationToken).ConfigureAwait(false);
        var flush = new LogFlush(++_flushes, result.Appended.Count == 0 ? null : result.Appended[^1].Position, requests.Count);

        // An id in two requests of one flush belongs to the first request that sent it.
        var inserted = new Dictionary<string, AppendedEvent>(result.Appended.Count, StringComparer.Ordinal);
        foreach (var appended in result.Appended)
        {
            inserted[appended.Event.EventId] = appended;
        }

        foreach (var request in requests)
        {
            var mine = new List<AppendedEvent>(request.Events.Count);
            foreach (var e in request.Events)
            {
                if (inserted.Remove(e.EventId, out var appended))
                {
                    mine.Add(appended);
                }
            }

            request.TrySetResult(new AppendedBatch(flush, mine, request.Events.Count - mine.Count));
        }
    }

    private sealed class PendingAppend(IReadOnlyList<LogEvent> events)
        : TaskCompletionSource<AppendedBatch>(TaskCreationOptions.RunContinuationsAsynchronously), IGroupCommitItem
    {
        public IReadOnlyList<LogEvent> Events { get; } = events;

        public void Fail(Exception error) => TrySetException(error);
    }
}

/// <summary>One committed flush: its order, its last position (none if all were duplicates) and how many requests share it.</summary>
public sealed record LogFlush(long Sequence, long? LastPosition, int Requests);

/// <summary>A request's share of a flush: its new events with their positions, and its duplicates.</summary>
public sealed record AppendedBatch(LogFlush Flush, IReadOnlyList<AppendedEvent> Appended, int Duplicates);
