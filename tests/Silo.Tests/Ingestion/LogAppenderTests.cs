using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.EventLog;

namespace CustomerSuccess.Silo.Tests.Ingestion;

public sealed class LogAppenderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    // Long enough for any step that should happen; a step that should not gets a short grace instead.
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private static TouchpointEvent Usage(string id, string customer = "c-1") => new(id, customer, TouchpointType.Usage, Now, Channel.App);

    [Fact]
    public async Task A_flush_that_commits_before_the_one_started_ahead_of_it_is_handed_to_the_grains_after_it()
    {
        var log = new GatedLog();
        var handler = new RecordingHandler();
        await using var appender = new LogAppender(log, handler);
        using var releaseAtTheEnd = log.ReleaseAllOnDispose();

        var first = appender.AppendAsync([Usage("first-1"), Usage("first-2")]);
        await log.Started("first-1").WaitAsync(Soon);
        var second = appender.AppendAsync([Usage("second-1")]);
        await log.Committed("second-1").WaitAsync(Soon);

        // The second flush is committed, but the first is not: nothing may reach the grains yet.
        await AssertStillPendingAsync(second);
        Assert.Empty(handler.Flushes);

        log.Release("first-1");
        var batches = await Task.WhenAll(first, second).WaitAsync(Soon);

        Assert.Equal([["first-1", "first-2"], ["second-1"]], handler.Flushes.Select(f => f.Events.Select(e => e.Event.Id).ToArray()));
        Assert.Equal([1L, 2L], handler.Flushes.Select(f => f.Flush.Sequence));
        Assert.True(handler.Flushes[0].Events[^1].Position < handler.Flushes[1].Events[0].Position);
        Assert.Equal([2, 1], batches.Select(b => b.Appended));
    }

    [Fact]
    public async Task Requests_sharing_a_flush_each_get_their_own_events_back_with_an_empty_request_and_an_id_sent_by_two_of_them()
    {
        // Of an id sent twice in one flush the log keeps the first copy, as PostgreSQL's append does.
        var log = new GatedLog { AlreadyStored = new HashSet<string> { "dup-1" } };
        var handler = new RecordingHandler();
        await using var appender = new LogAppender(log, handler);
        using var releaseAtTheEnd = log.ReleaseAllOnDispose();

        // Two held flushes fill the flushes in flight, so the next three requests queue for one flush.
        var first = appender.AppendAsync([Usage("first-1")]);
        await log.Started("first-1").WaitAsync(Soon);
        var second = appender.AppendAsync([Usage("good-1")]);
        await log.Started("good-1").WaitAsync(Soon);
        TouchpointEvent[] b = [Usage("dup-1", "c-1"), Usage("b-2", "c-2")];
        TouchpointEvent[] c = [Usage("c-1", "c-3"), Usage("dup-1", "c-4")];
        var fromB = appender.AppendAsync(b);
        var fromEmpty = appender.AppendAsync([]);
        var fromC = appender.AppendAsync(c);
        log.Release("first-1");
        log.Release("good-1");
        var batches = await Task.WhenAll(first, second, fromB, fromEmpty, fromC).WaitAsync(Soon);

        var shared = Assert.Single(handler.Flushes, f => f.Flush.Requests == 3).Events;
        Assert.Equal(3, shared.Length);
        Assert.Same(b[0], shared[0].Event);
        Assert.Same(b[1], shared[1].Event);
        Assert.Same(c[0], shared[2].Event);
        Assert.Equal([(2, 0), (0, 0), (1, 1)], batches[2..].Select(batch => (batch.Appended, batch.Duplicates)));
    }

    [Fact]
    public async Task A_flush_that_fails_fails_its_requests_after_the_earlier_flush_and_the_next_one_takes_its_place_in_the_sequence()
    {
        var log = new GatedLog { Refused = "bad-1" };
        var handler = new RecordingHandler();
        await using var appender = new LogAppender(log, handler);
        using var releaseAtTheEnd = log.ReleaseAllOnDispose();

        var first = appender.AppendAsync([Usage("good-1")]);
        await log.Started("good-1").WaitAsync(Soon);
        var failing = appender.AppendAsync([Usage("bad-1")]);
        await log.Started("bad-1").WaitAsync(Soon);
        await AssertStillPendingAsync(failing);

        log.Release("good-1");
        await first.WaitAsync(Soon);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Soon));
        var third = await appender.AppendAsync([Usage("next-1")]).WaitAsync(Soon);

        Assert.Equal(["good-1", "next-1"], handler.Flushes.Select(f => f.Events[0].Event.Id));
        Assert.Equal([1L, 2L], handler.Flushes.Select(f => f.Flush.Sequence));
        Assert.Equal(1, third.Appended);
    }

    [Fact]
    public async Task A_request_whose_event_the_next_flush_in_flight_stored_first_hears_back_once_that_flush_is_applied()
    {
        // The first flush's INSERT meets "shared" after the second flush's INSERT stored it, so it
        // counts it as a duplicate; the event is applied with the second flush.
        var log = new GatedLog { TakenByALaterFlush = new HashSet<string> { "shared" } };
        var handler = new RecordingHandler();
        var secondApplied = handler.HoldApplied(sequence: 2);
        await using var appender = new LogAppender(log, handler);
        using var releaseAtTheEnd = log.ReleaseAllOnDispose();

        var first = appender.AppendAsync([Usage("first-1"), Usage("shared")]);
        await log.Started("first-1").WaitAsync(Soon);
        var second = appender.AppendAsync([Usage("second-1"), Usage("shared")]);
        await log.Committed("second-1").WaitAsync(Soon);
        log.Release("first-1");
        var firstBatch = await first.WaitAsync(Soon);
        var secondBatch = await second.WaitAsync(Soon);

        Assert.Equal((1, 1), (firstBatch.Appended, firstBatch.Duplicates));
        Assert.Equal((2, 0), (secondBatch.Appended, secondBatch.Duplicates));
        await AssertStillPendingAsync(firstBatch.Applied);

        secondApplied.SetResult();
        await firstBatch.Applied.WaitAsync(Soon);
        await secondBatch.Applied.WaitAsync(Soon);
    }

    [Fact]
    public async Task A_request_without_duplicates_does_not_wait_for_other_flushes_to_be_applied()
    {
        var log = new GatedLog();
        var handler = new RecordingHandler();
        var firstApplied = handler.HoldApplied(sequence: 1);
        await using var appender = new LogAppender(log, handler);

        var first = await appender.AppendAsync([Usage("one-1")]).WaitAsync(Soon);
        var second = await appender.AppendAsync([Usage("two-1", "c-2")]).WaitAsync(Soon);

        await second.Applied.WaitAsync(Soon);
        Assert.False(first.Applied.IsCompleted);
        firstApplied.SetResult();
        await first.Applied.WaitAsync(Soon);
    }

    [Fact]
    public async Task A_request_with_duplicates_still_hears_back_when_the_next_flush_fails_before_it_starts()
    {
        var log = new GatedLog { TakenByALaterFlush = new HashSet<string> { "shared" }, ThrowsAtOnce = "broken-1" };
        var handler = new RecordingHandler();
        await using var appender = new LogAppender(log, handler);
        using var releaseAtTheEnd = log.ReleaseAllOnDispose();

        var first = appender.AppendAsync([Usage("first-1"), Usage("shared")]);
        await log.Started("first-1").WaitAsync(Soon);
        var broken = appender.AppendAsync([Usage("broken-1")]);
        await log.Started("broken-1").WaitAsync(Soon);
        log.Release("first-1");

        var firstBatch = await first.WaitAsync(Soon);
        await Assert.ThrowsAsync<InvalidOperationException>(() => broken.WaitAsync(Soon));
        Assert.Equal(1, firstBatch.Duplicates);
        await firstBatch.Applied.WaitAsync(Soon);
    }

    [Fact]
    public async Task A_request_with_a_duplicate_of_an_earlier_flush_still_being_applied_hears_back_once_that_flush_is_applied()
    {
        var log = new GatedLog { AlreadyStored = new HashSet<string> { "a" } };
        var handler = new RecordingHandler();
        var firstApplied = handler.HoldApplied(sequence: 1);
        await using var appender = new LogAppender(log, handler);

        var first = await appender.AppendAsync([Usage("a")]).WaitAsync(Soon);
        var again = await appender.AppendAsync([Usage("a"), Usage("b", "c-2")]).WaitAsync(Soon);

        Assert.Equal((1, 1), (again.Appended, again.Duplicates));
        await AssertStillPendingAsync(again.Applied);
        firstApplied.SetResult();
        await again.Applied.WaitAsync(Soon);
        await first.Applied.WaitAsync(Soon);
    }

    [Fact]
    public async Task A_request_with_duplicates_takes_on_only_its_own_flush_failing_to_apply_not_the_one_holding_the_first_copy()
    {
        var log = new GatedLog { AlreadyStored = new HashSet<string> { "a" } };
        var handler = new RecordingHandler();
        handler.HoldApplied(sequence: 1).SetException(new InvalidOperationException("a grain failed"));
        await using var appender = new LogAppender(log, handler);

        var first = await appender.AppendAsync([Usage("a")]).WaitAsync(Soon);
        var again = await appender.AppendAsync([Usage("a"), Usage("b", "c-2")]).WaitAsync(Soon);

        await Assert.ThrowsAsync<InvalidOperationException>(() => first.Applied.WaitAsync(Soon));
        await again.Applied.WaitAsync(Soon);
    }

    // An implementation that completed the task too early would do so within the grace.
    private static async Task AssertStillPendingAsync(Task task)
    {
        await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(200)));
        Assert.False(task.IsCompleted);
    }

    /// <summary>A log in memory whose appends can be held until released; every id is new.</summary>
    private sealed class GatedLog : IEventLog
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, TaskCompletionSource> _started = [];
        private readonly Dictionary<string, TaskCompletionSource> _committed = [];
        private readonly Dictionary<string, TaskCompletionSource> _released = [];
        private readonly HashSet<string> _stored = [];
        private long _next;

        /// <summary>Appends whose first id is this one fail.</summary>
        public string? Refused { get; init; }

        /// <summary>Ids stored by the first append that carries them; later appends count them as duplicates.</summary>
        public IReadOnlySet<string> AlreadyStored { get; init; } = new HashSet<string>();

        /// <summary>Appends whose first id is this one throw before returning a task.</summary>
        public string? ThrowsAtOnce { get; init; }

        /// <summary>Ids a held append reports as duplicates, as if a flush started after it had stored them first.</summary>
        public IReadOnlySet<string> TakenByALaterFlush { get; init; } = new HashSet<string>();

        public Task Started(string firstId) => Signal(_started, firstId).Task;

        public Task Committed(string firstId) => Signal(_committed, firstId).Task;

        public void Release(string firstId) => Signal(_released, firstId).TrySetResult();

        /// <summary>Lets every held append finish when disposed, so a failed assertion does not leave the appender's disposal waiting.</summary>
        public IDisposable ReleaseAllOnDispose() => new Releaser(this);

        private sealed class Releaser(GatedLog log) : IDisposable
        {
            public void Dispose()
            {
                log.Release("first-1");
                log.Release("good-1");
            }
        }

        public ValueTask<long[]> ReservePositionsAsync(int count, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                var positions = new long[count];
                for (var i = 0; i < count; i++)
                {
                    positions[i] = ++_next;
                }

                return ValueTask.FromResult(positions);
            }
        }

        public Task<AppendResult> AppendAsync(IReadOnlyList<LogEvent> events, long[] positions, CancellationToken cancellationToken)
        {
            if (events[0].EventId == ThrowsAtOnce)
            {
                Signal(_started, ThrowsAtOnce).TrySetResult();
                throw new InvalidOperationException("The log could not even start the flush.");
            }

            return AppendHeldAsync(events, positions);
        }

        private async Task<AppendResult> AppendHeldAsync(IReadOnlyList<LogEvent> events, long[] positions)
        {
            var id = events[0].EventId;
            Signal(_started, id).TrySetResult();
            if (id == Refused)
            {
                throw new InvalidOperationException("The server refused the flush.");
            }

            var held = id.StartsWith("first", StringComparison.Ordinal) || id.StartsWith("good", StringComparison.Ordinal);
            if (held)
            {
                await Signal(_released, id).Task;
            }

            Signal(_committed, id).TrySetResult();
            var stored = events.Select((e, i) => new AppendedEvent(positions[i], e))
                .Where(a => !(held && TakenByALaterFlush.Contains(a.Event.EventId)) && !(AlreadyStored.Contains(a.Event.EventId) && !_stored.Add(a.Event.EventId)))
                .ToList();
            return new AppendResult(stored, events.Count - stored.Count);
        }

        public Task<IReadOnlyList<AppendedEvent>> ReadAsync(long afterPosition, int limit, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The appender only appends.");

        private TaskCompletionSource Signal(Dictionary<string, TaskCompletionSource> signals, string id)
        {
            lock (_gate)
            {
                if (!signals.TryGetValue(id, out var signal))
                {
                    signals[id] = signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                return signal;
            }
        }
    }

    private sealed class RecordingHandler : ICommittedFlushHandler
    {
        private readonly List<(LogFlush Flush, LoggedTouchpoint[] Events)> _flushes = [];
        private readonly Dictionary<long, TaskCompletionSource> _held = [];

        /// <summary>The flush with this sequence number counts as applied only once the returned source is set.</summary>
        public TaskCompletionSource HoldApplied(long sequence)
        {
            lock (_flushes)
            {
                return _held[sequence] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public IReadOnlyList<(LogFlush Flush, LoggedTouchpoint[] Events)> Flushes
        {
            get { lock (_flushes) { return [.. _flushes]; } }
        }

        public Task OnCommitted(LogFlush flush, LoggedTouchpoint[] events)
        {
            lock (_flushes)
            {
                _flushes.Add((flush, events));
                return _held.TryGetValue(flush.Sequence, out var held) ? held.Task : Task.CompletedTask;
            }
        }
    }
}
