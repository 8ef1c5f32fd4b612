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
}
