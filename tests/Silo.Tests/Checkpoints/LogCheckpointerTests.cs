using System.Collections.Concurrent;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Actors.Testing;
using CustomerSuccess.Grains;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.Checkpoints;
using CustomerSuccess.Silo.EventLog;
using CustomerSuccess.Silo.Hosting;
using CustomerSuccess.Silo.Ingestion;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerSuccess.Silo.Tests.Checkpoints;

public sealed class LogCheckpointerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private const int Customers = 250;
    private const int InFlight = 16;

    [Fact]
    public async Task A_checkpoint_keeps_at_most_the_configured_number_of_state_writes_in_flight_and_writes_every_dirty_customer()
    {
        var storage = new CountingStorage();
        await using var engine = await StartAsync(storage);

        Assert.True(await engine.Checkpointer.CheckpointAsync(CancellationToken.None));

        Assert.Equal(Customers, storage.CustomerWrites.Count);
        Assert.InRange(storage.MaxInFlight, 1, InFlight);
        Assert.Equal(Customers, engine.Stored.Position);
        Assert.Equal(0, engine.Dirty.Count);
    }

    [Fact]
    public async Task A_failed_state_write_stops_the_watermark_before_that_customers_events_and_keeps_only_it_dirty()
    {
        var storage = new CountingStorage { FailingCustomer = "c-7" };
        await using var engine = await StartAsync(storage);

        Assert.False(await engine.Checkpointer.CheckpointAsync(CancellationToken.None));

        // c-7's event is at position 8: the watermark goes up to just before it, and no further.
        Assert.Equal(7, engine.Stored.Position);
        Assert.Equal(Customers - 1, storage.CustomerWrites.Count);
        var left = engine.Dirty.Take();
        Assert.Equal(8, Assert.Single(left, c => c.Key == "c-7").Value);
        Assert.Single(left);

        // The storage is back: the next checkpoint writes the one left over and stores the watermark.
        engine.Dirty.Add("c-7", 8);
        storage.FailingCustomer = null;
        Assert.True(await engine.Checkpointer.CheckpointAsync(CancellationToken.None));
        Assert.Equal(Customers, storage.CustomerWrites.Count);
        Assert.Equal(Customers, engine.Stored.Position);
    }

    [Fact]
    public async Task A_long_checkpoint_writes_the_oldest_customers_first_and_stores_the_watermark_as_they_are_written()
    {
        var storage = new CountingStorage { BlockedCustomer = "c-200" };
        await using var engine = await StartAsync(storage, new SiloHostOptions { CheckpointWritesInFlight = InFlight }, progressEvery: 10);

        // Noted youngest first, so only sorting by position puts the oldest customers first.
        foreach (var (customerId, position) in engine.Dirty.Take().Reverse())
        {
            engine.Dirty.Add(customerId, position);
        }

        var checkpoint = engine.Checkpointer.CheckpointAsync(CancellationToken.None);
        try
        {
            // c-200 (its event at position 201) is still writing. The watermark is stored every 10
            // customers of the written run from the oldest, so it gets within 10 of c-200 while the
            // younger customers are written, and never past it.
            await storage.Blocked.WaitAsync(TimeSpan.FromSeconds(30));
            await engine.Stored.Reached(191).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(checkpoint.IsCompleted);
            Assert.InRange(engine.Stored.Position!.Value, 191, 200);
        }
        finally
        {
            storage.Release.TrySetResult();
        }

        Assert.True(await checkpoint);
        Assert.Equal(Customers, engine.Stored.Position);
        Assert.Equal(Customers, storage.CustomerWrites.Count);
    }

    [Fact]
    public async Task A_watermark_store_that_fails_during_a_checkpoint_stops_neither_the_writes_nor_the_final_store()
    {
        var storage = new CountingStorage();
        await using var engine = await StartAsync(storage, new SiloHostOptions { CheckpointWritesInFlight = InFlight }, progressEvery: 10);
        engine.Stored.FailingWrites = 1;

        Assert.True(await engine.Checkpointer.CheckpointAsync(CancellationToken.None));

        Assert.Equal(Customers, storage.CustomerWrites.Count);
        Assert.Equal(Customers, engine.Stored.Position);
        Assert.Equal(0, engine.Dirty.Count);
    }

    [Theory]
    [InlineData(Customers, true)]
    [InlineData(Customers + 1, false)]
    public async Task A_checkpoint_is_due_once_the_dirty_customers_reach_the_cap_long_before_the_interval_or_the_event_count(int cap, bool due)
    {
        await using var engine = await StartAsync(new CountingStorage(), new SiloHostOptions
        {
            CheckpointInterval = TimeSpan.FromHours(1),
            CheckpointEveryEvents = 1_000_000,
            CheckpointEveryCustomers = cap,
        });

        Assert.Equal(due, engine.Checkpointer.IsDue(TimeSpan.FromSeconds(1)));
        Assert.True(engine.Checkpointer.IsDue(TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task The_periodic_loop_checkpoints_when_the_dirty_customers_reach_the_cap()
    {
        await using var engine = await StartAsync(new CountingStorage(), new SiloHostOptions
        {
            CheckpointInterval = TimeSpan.FromHours(1),
            CheckpointEveryEvents = 1_000_000,
            CheckpointEveryCustomers = Customers,
            CheckpointWritesInFlight = InFlight,
        });

        engine.Checkpointer.Start(0);

        // The loop polls every virtual second, from whenever its first delay is registered. Virtual
        // time moves a second per round until the watermark is written; even a slow machine's 30 s of
        // rounds stays far short of the hour's interval.
        var giveUp = DateTime.UtcNow.AddSeconds(30);
        while (!engine.Stored.Written.IsCompleted && DateTime.UtcNow < giveUp)
        {
            engine.Cluster.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(engine.Stored.Written, Task.Delay(20));
        }

        Assert.True(engine.Stored.Written.IsCompleted);
        Assert.True(engine.Cluster.Now - Now < TimeSpan.FromHours(1));
        Assert.Equal(Customers, engine.Stored.Position);
        Assert.Equal(0, engine.Dirty.Count);
    }

    private static Task<Engine> StartAsync(CountingStorage storage) =>
        StartAsync(storage, new SiloHostOptions { CheckpointWritesInFlight = InFlight });

    private static async Task<Engine> StartAsync(CountingStorage storage, SiloHostOptions options, int progressEvery = 5_000)
    {
        var cluster = new InProcessTestCluster(builder => builder.AddCustomerSuccessGrains(), Now, storage);
        await cluster.StartAsync();
        var dirty = new DirtyCustomers();
        var watermark = new AppliedWatermark();
        var events = new LoggedTouchpoint[Customers];
        for (var i = 0; i < Customers; i++)
        {
            events[i] = new LoggedTouchpoint(i + 1, new TouchpointEvent($"e-{i}", $"c-{i}", TouchpointType.Usage, Now.AddMinutes(-i), Channel.App));
        }

        await new CustomerEventDispatcher(cluster.GrainFactory).DispatchAsync(events, dirty);
        watermark.FlushApplied(new LogFlush(1, Customers, 1));
        var stored = new StoredWatermark();
        var checkpointer = new LogCheckpointer(
            watermark, dirty, cluster.GrainFactory, stored, options,
            cluster.Clock, NullLogger<LogCheckpointer>.Instance) { ProgressEvery = progressEvery };
        return new Engine(cluster, checkpointer, dirty, stored);
    }

    private sealed record Engine(InProcessTestCluster Cluster, LogCheckpointer Checkpointer, DirtyCustomers Dirty, StoredWatermark Stored) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Checkpointer.DisposeAsync();
            await Cluster.DisposeAsync();
        }
    }

    private sealed class StoredWatermark : ILogCheckpoint
    {
        private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private readonly List<(long Position, TaskCompletionSource Reached)> _waiting = [];

        public long? Position { get; private set; }

        /// <summary>How many of the next writes fail, as a database away for a moment would.</summary>
        public int FailingWrites { get; set; }

        /// <summary>Completes at the first watermark written.</summary>
        public Task Written => _written.Task;

        public Task<long> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Position ?? 0);

        /// <summary>Completes once a watermark of at least <paramref name="position"/> is written.</summary>
        public Task Reached(long position)
        {
            lock (_waiting)
            {
                if (Position >= position)
                {
                    return Task.CompletedTask;
                }

                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Add((position, reached));
                return reached.Task;
            }
        }

        public Task WriteAsync(long appliedPosition, CancellationToken cancellationToken)
        {
            lock (_waiting)
            {
                if (FailingWrites > 0)
                {
                    FailingWrites--;
                    return Task.FromException(new IOException("The watermark row could not be written."));
                }

                Position = appliedPosition;
                foreach (var (position, reached) in _waiting)
                {
                    if (appliedPosition >= position)
                    {
                        reached.TrySetResult();
                    }
                }
            }

            _written.TrySetResult();
            return Task.CompletedTask;
        }
    }

    /// <summary>Memory storage whose customer writes finish asynchronously, counted, one customer's failing on demand.</summary>
    private sealed class CountingStorage : IGrainStorage
    {
        private readonly MemoryGrainStorage _inner = new();
        private int _inFlight;
        private int _maxInFlight;

        public ConcurrentDictionary<string, int> CustomerWrites { get; } = new();

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public string? FailingCustomer { get; set; }

        /// <summary>A customer whose write waits for <see cref="Release"/>.</summary>
        public string? BlockedCustomer { get; init; }

        /// <summary>Completes when the blocked customer's write has started.</summary>
        public Task Blocked => _blocked.Task;

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private readonly TaskCompletionSource _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken) => _inner.ReadAsync(key, cancellationToken);

        public async Task<string> WriteAsync(GrainStateKey key, byte[] json, string? expectedEtag, CancellationToken cancellationToken)
        {
            if (!key.GrainKey.StartsWith("c-", StringComparison.Ordinal))
            {
                return await _inner.WriteAsync(key, json, expectedEtag, cancellationToken);
            }

            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }

            try
            {
                // Finish a little later, as a database round trip would: a checkpointer that did not
                // wait for earlier writes would start many more meanwhile.
                await Task.Delay(5, CancellationToken.None);
                if (key.GrainKey == BlockedCustomer)
                {
                    _blocked.TrySetResult();
                    await Release.Task;
                }

                if (key.GrainKey == FailingCustomer)
                {
                    throw new IOException($"Storage refused {key.GrainKey}.");
                }

                var etag = await _inner.WriteAsync(key, json, expectedEtag, cancellationToken);
                CustomerWrites.AddOrUpdate(key.GrainKey, 1, (_, n) => n + 1);
                return etag;
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        public Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken) => _inner.ClearAsync(key, expectedEtag, cancellationToken);
    }
}
