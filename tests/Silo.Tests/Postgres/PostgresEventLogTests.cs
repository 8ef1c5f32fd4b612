using System.Text;
using CustomerSuccess.Silo.EventLog;
using Npgsql;

namespace CustomerSuccess.Silo.Tests.Postgres;

[Collection("postgres")]
public sealed class PostgresEventLogTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private static LogEvent Event(string id, string customer = "c1") =>
        new(id, customer, CustomerPartitioner.PartitionOf(customer), Start, Encoding.UTF8.GetBytes($$"""{"id":"{{id}}"}"""));

    private static async Task<long> CountAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT count(*) FROM events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_batch_is_appended_in_order_with_increasing_positions()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var log = new PostgresEventLog(db);

        var result = await log.AppendAsync([Event("e1"), Event("e2", "c2"), Event("e3")], default);

        Assert.Equal(3, result.Accepted);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(["e1", "e2", "e3"], result.Appended.Select(a => a.Event.EventId));
        Assert.True(result.Appended[0].Position < result.Appended[1].Position && result.Appended[1].Position < result.Appended[2].Position);
        var read = await log.ReadAsync(0, 10, default);
        Assert.Equal(["e1", "e2", "e3"], read.Select(a => a.Event.EventId));
        Assert.Equal("""{"id":"e2"}""", Encoding.UTF8.GetString(read[1].Event.Payload));
        Assert.Equal(CustomerPartitioner.PartitionOf("c2"), read[1].Event.Partition);
    }

    [Fact]
    public async Task The_same_batch_sent_twice_is_stored_once_and_counted_as_duplicates()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var log = new PostgresEventLog(db);
        LogEvent[] batch = [Event("a"), Event("b"), Event("c")];

        await log.AppendAsync(batch, default);
        var again = await log.AppendAsync(batch, default);

        Assert.Equal(0, again.Accepted);
        Assert.Equal(3, again.Duplicates);
        Assert.Equal(3, await CountAsync(db));
    }

    [Fact]
    public async Task Overlapping_batches_store_each_event_once()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var log = new PostgresEventLog(db);

        var first = await log.AppendAsync([Event("1"), Event("2"), Event("3")], default);
        var second = await log.AppendAsync([Event("3"), Event("4"), Event("2"), Event("5")], default);

        Assert.Equal((3, 0), (first.Accepted, first.Duplicates));
        Assert.Equal((2, 2), (second.Accepted, second.Duplicates));
        Assert.Equal(["4", "5"], second.Appended.Select(a => a.Event.EventId));
        Assert.Equal(5, await CountAsync(db));
    }

    [Fact]
    public async Task An_id_repeated_within_one_batch_is_stored_once_and_counted_as_a_duplicate()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var log = new PostgresEventLog(db);

        var result = await log.AppendAsync([Event("x"), Event("y"), Event("x")], default);

        Assert.Equal((2, 1), (result.Accepted, result.Duplicates));
        Assert.Equal(2, await CountAsync(db));
    }

    [Fact]
    public async Task Concurrent_overlapping_appends_store_each_event_exactly_once()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var log = new PostgresEventLog(db);
        var batches = Enumerable.Range(0, 20)
            .Select(b => Enumerable.Range(b * 50, 100).Select(i => Event($"e{i}", $"c{i % 7}")).ToArray())
            .ToArray();

        var results = await Task.WhenAll(batches.Select(batch => log.AppendAsync(batch, default)));

        var distinct = batches.SelectMany(b => b).Select(e => e.EventId).Distinct().Count();
        Assert.Equal(distinct, results.Sum(r => r.Accepted));
        Assert.Equal(distinct, await CountAsync(db));
    }

    [Fact]
    public async Task Every_reservation_hands_out_increasing_positions_above_all_earlier_ones_also_from_another_log()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var log = new PostgresEventLog(db);
        var other = new PostgresEventLog(db);

        var first = await log.ReservePositionsAsync(3, default);
        var fromOther = await other.ReservePositionsAsync(10, default);
        var large = await log.ReservePositionsAsync(10_000, default);
        var next = await log.ReservePositionsAsync(2, default);

        foreach (var positions in new[] { first, fromOther, large, next })
        {
            Assert.True(positions.Zip(positions.Skip(1)).All(pair => pair.First < pair.Second));
        }

        Assert.True(first[^1] < fromOther[0] && fromOther[^1] < large[0] && large[^1] < next[0]);
        // Two logs on one sequence never hand out the same position.
        Assert.Empty(first.Concat(large).Concat(next).Intersect(fromOther));
    }

    [Fact]
    public async Task Reservations_are_dense_and_an_append_stores_each_event_at_its_reserved_position_and_an_unused_one_is_a_gap_readers_skip()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var log = new PostgresEventLog(db);
        var unused = await log.ReservePositionsAsync(2, default);
        var positions = await log.ReservePositionsAsync(3, default);

        var result = await log.AppendAsync([Event("a"), Event("b"), Event("a")], positions, default);

        Assert.Equal([(positions[0], "a"), (positions[1], "b")], result.Appended.Select(a => (a.Position, a.Event.EventId)));
        Assert.Equal(1, result.Duplicates);
        var read = await log.ReadAsync(0, 10, default);
        Assert.Equal([(positions[0], "a"), (positions[1], "b")], read.Select(a => (a.Position, a.Event.EventId)));
        // Reservations are dense: position differences still count events (the checkpoints rely on it).
        Assert.Equal([unused[0] + 2, unused[0] + 3, unused[0] + 4], positions);
    }

    [Fact]
    public async Task A_later_reservation_committed_first_still_reads_back_after_the_earlier_one()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var log = new PostgresEventLog(db);
        var earlier = await log.ReservePositionsAsync(2, default);
        var later = await log.ReservePositionsAsync(2, default);

        await log.AppendAsync([Event("late-1"), Event("late-2")], later, default);
        await log.AppendAsync([Event("early-1"), Event("early-2")], earlier, default);

        var read = await log.ReadAsync(0, 10, default);
        Assert.Equal(["early-1", "early-2", "late-1", "late-2"], read.Select(a => a.Event.EventId));
    }

    [Fact]
    public async Task Appends_in_flight_together_that_share_ids_in_opposite_orders_all_complete_and_store_each_id_once()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var log = new PostgresEventLog(db);
        // Each pair shares 200 ids, one in ascending and one in descending order: rows going in in the
        // batch's order would make the two INSERTs wait for each other (a deadlock the server breaks by
        // failing one of them).
        var pairs = Enumerable.Range(0, 10).Select(p =>
        {
            var ids = Enumerable.Range(0, 200).Select(i => $"p{p}-{i:D3}").ToArray();
            return (Ascending: ids.Select(id => Event(id)).ToArray(), Descending: ids.Reverse().Select(id => Event(id)).ToArray());
        }).ToArray();

        var results = await Task.WhenAll(pairs.SelectMany(pair => new[] { pair.Ascending, pair.Descending })
            .Select(batch => Task.Run(() => log.AppendAsync(batch, default))));

        Assert.Equal(2_000, results.Sum(r => r.Accepted));
        Assert.Equal(2_000, results.Sum(r => r.Duplicates));
        Assert.Equal(2_000, await CountAsync(db));
    }

    [Fact]
    public async Task Positions_that_do_not_increase_are_refused_before_anything_is_stored()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var log = new PostgresEventLog(db);
        var positions = await log.ReservePositionsAsync(2, default);

        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync([Event("a"), Event("b")], [positions[1], positions[0]], default));

        Assert.Equal(0, await CountAsync(db));
    }
}
