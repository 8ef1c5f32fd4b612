using CustomerSuccess.Actors.Testing;
using CustomerSuccess.Grains;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.Checkpoints;
using CustomerSuccess.Silo.EventLog;
using CustomerSuccess.Silo.Ingestion;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerSuccess.Silo.Tests.Ingestion;

/// <summary>The replay after a restart hands chunks to the grains with two in flight.</summary>
public sealed class LogReplayerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_replay_over_many_chunks_applies_every_event_once_and_ends_at_the_last_position()
    {
        await using var cluster = new InProcessTestCluster(builder => builder.AddCustomerSuccessGrains(), Now);
        await cluster.StartAsync();
        var log = new ListLog(Enumerable.Range(1, 23).Select(p => Usage(p, $"c-{p % 5}")));
        var dirty = new DirtyCustomers();
        var replayer = new LogReplayer(log, new NoCheckpoint(), new CustomerEventDispatcher(cluster.GrainFactory), dirty, NullLogger<LogReplayer>.Instance) { ChunkSize = 4 };

        var (watermark, replayed) = await replayer.ReplayAsync(0, default);

        Assert.Equal((23L, 23L), (watermark, replayed));
        for (var c = 0; c < 5; c++)
        {
            var expected = Enumerable.Range(1, 23).Count(p => p % 5 == c);
            Assert.Equal(expected, (await cluster.GrainFactory.GetGrain<ICustomerGrain>($"c-{c}").GetTimelineAsync()).Total);
        }

        // Every customer is dirty from its first replayed event, for the next checkpoint.
        var taken = dirty.Take();
        Assert.Equal(5, taken.Count);
        Assert.Equal(1, taken["c-1"]);
        Assert.Equal(5, taken["c-0"]);
    }

    [Fact]
    public async Task A_customer_that_fails_in_one_chunk_applies_nothing_from_the_next_and_the_replay_fails()
    {
        await using var cluster = new InProcessTestCluster(builder => builder.AddCustomerSuccessGrains(), Now);
        await cluster.StartAsync();

        // Chunks of two: the first fails c-1's call (an event without an id) while the second, already
        // handed over, holds c-1's next event.
        var log = new ListLog([Usage(1, "c-1", id: ""), Usage(2, "c-2"), Usage(3, "c-1"), Usage(4, "c-2"), Usage(5, "c-2"), Usage(6, "c-2")]);
        var replayer = new LogReplayer(log, new NoCheckpoint(), new CustomerEventDispatcher(cluster.GrainFactory), new DirtyCustomers(), NullLogger<LogReplayer>.Instance) { ChunkSize = 2 };

        await Assert.ThrowsAnyAsync<Exception>(() => replayer.ReplayAsync(0, default));

        Assert.Equal(0, (await cluster.GrainFactory.GetGrain<ICustomerGrain>("c-1").GetTimelineAsync()).Total);

        // The two chunks in flight were applied for the other customer; nothing after them was read.
        Assert.Equal(2, (await cluster.GrainFactory.GetGrain<ICustomerGrain>("c-2").GetTimelineAsync()).Total);
        Assert.True(log.HighestReadAfter <= 4);
    }

    private static AppendedEvent Usage(long position, string customer, string? id = null)
    {
        var e = new TouchpointEvent(id ?? $"e-{position}", customer, TouchpointType.Usage, Now.AddMinutes(position), Channel.App);
        return new AppendedEvent(position, new LogEvent(e.Id, customer, CustomerPartitioner.PartitionOf(customer), e.OccurredAt, EventPayload.Serialize(e)));
    }

    /// <summary>A log held in a list, read in position order.</summary>
    private sealed class ListLog(IEnumerable<AppendedEvent> events) : IEventLog
    {
        private readonly AppendedEvent[] _events = [.. events];

        public long HighestReadAfter { get; private set; }

        public ValueTask<long[]> ReservePositionsAsync(int count, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The replay only reads.");

        public Task<AppendResult> AppendAsync(IReadOnlyList<LogEvent> events, long[] positions, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The replay only reads.");

        public Task<IReadOnlyList<AppendedEvent>> ReadAsync(long afterPosition, int limit, CancellationToken cancellationToken)
        {
            HighestReadAfter = Math.Max(HighestReadAfter, afterPosition);
            return Task.FromResult<IReadOnlyList<AppendedEvent>>([.. _events.Where(e => e.Position > afterPosition).Take(limit)]);
        }
    }

    private sealed class NoCheckpoint : ILogCheckpoint
    {
        public Task<long> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(0L);

        public Task WriteAsync(long appliedPosition, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
