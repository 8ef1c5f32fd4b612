using System.Collections.Concurrent;
using CustomerSuccess.Actors.Testing;
using CustomerSuccess.Actors.WakeUps;
using CustomerSuccess.Silo.Storage.Postgres;

namespace CustomerSuccess.Silo.Tests.Postgres;

[Collection("postgres")]
public sealed class PostgresWakeUpStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Only_due_wake_ups_are_claimed_in_due_order_and_each_once()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var store = new PostgresWakeUpStore(db);
        await store.SetAsync(new WakeUpKey("g", "late"), Now.AddMinutes(-1), default);
        await store.SetAsync(new WakeUpKey("g", "early"), Now.AddMinutes(-5), default);
        await store.SetAsync(new WakeUpKey("g", "future"), Now.AddMinutes(1), default);

        var claimed = await store.ClaimDueAsync(Now, 100, default);
        var again = await store.ClaimDueAsync(Now, 100, default);

        Assert.Equal(["early", "late"], claimed.Select(c => c.Key.GrainKey));
        Assert.Empty(again);
        Assert.Equal(Now.AddMinutes(1), await store.GetNextDueAsync(default));
    }

    [Fact]
    public async Task Completing_removes_a_wake_up_unless_the_grain_set_a_newer_one()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var store = new PostgresWakeUpStore(db);
        await store.SetAsync(new WakeUpKey("g", "done"), Now, default);
        await store.SetAsync(new WakeUpKey("g", "moved"), Now, default);
        var claimed = await store.ClaimDueAsync(Now, 10, default);

        await store.SetAsync(new WakeUpKey("g", "moved"), Now.AddHours(1), default);
        await Task.WhenAll(claimed.Select(c => store.CompleteAsync(c, null, default)));

        Assert.Equal(1, await store.CountAsync());
        Assert.Equal(Now.AddHours(1), await store.GetNextDueAsync(default));
    }

    [Fact]
    public async Task Setting_the_due_time_a_wake_up_already_holds_neither_rewrites_nor_locks_its_row_unless_it_is_claimed()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var store = new PostgresWakeUpStore(db);
        var key = new WakeUpKey("g", "same");
        await store.SetAsync(key, Now, default);
        var first = await RowAsync(db);

        await store.SetAsync(key, Now, default);
        var again = await RowAsync(db);

        Assert.Equal(first, again);
        Assert.Equal("0", again.Xmax);

        // Claimed, the same time set again is newer than the claim: the row changes, so the claim's
        // completion no longer removes it.
        var claimed = (await store.ClaimDueAsync(Now, 10, default)).Single();
        await store.SetAsync(key, Now, default);
        var reset = await RowAsync(db);
        await store.CompleteAsync(claimed, null, default);

        Assert.NotEqual(first.Token, reset.Token);
        Assert.Equal(1, await store.CountAsync());
        Assert.Equal(Now, await store.GetNextDueAsync(default));
    }

    [Fact]
    public async Task Flushes_look_their_keys_up_by_the_primary_key_when_the_table_has_grown_since_they_were_planned()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var engine = TableReads.OneEngineConnection(db);
        await using var store = new PostgresWakeUpStore(engine);

        var reads = await TableReads.AfterGrowthAsync(engine, db, "wake_ups",
            onYoungTable: async () =>
            {
                // A thousand rows, for which a generic plan hashes the batch and scans the table:
                // flushes that set and remove.
                await GrowAsync(db, 1, 1_000);
                for (var round = 0; round < 8; round++)
                {
                    await Task.WhenAll(Enumerable.Range(0, 100)
                        .Select(i => store.SetAsync(new WakeUpKey("g", $"early-{round}-{i}"), Now, default))
                        .Append(store.SetAsync(new WakeUpKey("g", $"never-set-{round}"), null, default)));
                }
            },
            grow: () => GrowAsync(db, 1_001, 20_000),
            onGrownTable: async () =>
            {
                for (var i = 0; i < 8; i++)
                {
                    await store.SetAsync(new WakeUpKey("g", $"bulk-{i + 1}"), Now.AddHours(1), default);
                    await store.SetAsync(new WakeUpKey("g", $"early-{i}-0"), null, default);
                }
            });

        Assert.Equal(0, reads.SequentialScans);
        // Sixteen keys: a few index fetches each, not a walk through the index's 20,800 entries.
        Assert.InRange(reads.IndexFetches, 0, 1_000);
        Assert.Equal(20_000 + 800 - 8, await store.CountAsync());
        await using (var moved = db.CreateCommand("SELECT count(*) FROM wake_ups WHERE due_at = $1"))
        {
            moved.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset> { TypedValue = Now.AddHours(1) });
            Assert.Equal(8L, await moved.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task Claims_look_their_rows_up_by_the_primary_key_when_the_table_has_grown_since_they_were_planned()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var engine = TableReads.OneEngineConnection(db);
        await using var store = new PostgresWakeUpStore(engine);
        var claimed = new List<string>();

        var reads = await TableReads.AfterGrowthAsync(engine, db, "wake_ups",
            onYoungTable: async () =>
            {
                // A thousand rows, none of them due.
                await GrowAsync(db, 1, 1_000);
                for (var round = 0; round < 8; round++)
                {
                    await store.SetAsync(new WakeUpKey("g", $"due-{round}"), Now.AddMinutes(-1), default);
                    Assert.Single(await store.ClaimDueAsync(Now, 10, default));
                }
            },
            grow: () => GrowAsync(db, 1_001, 20_000),
            onGrownTable: async () =>
            {
                for (var round = 8; round < 16; round++)
                {
                    await store.SetAsync(new WakeUpKey("g", $"due-{round}"), Now.AddMinutes(-1), default);
                    claimed.AddRange((await store.ClaimDueAsync(Now, 10, default)).Select(c => c.Key.GrainKey));
                }
            });

        Assert.Equal(Enumerable.Range(8, 8).Select(round => $"due-{round}"), claimed);
        Assert.Equal(0, reads.SequentialScans);
        // Eight claims of one row each: a few index fetches per claim, not a pass over 20,000 rows.
        Assert.InRange(reads.IndexFetches, 0, 1_000);
    }

    [Fact]
    public async Task The_next_due_time_is_read_from_the_due_index_when_the_table_has_grown_since_it_was_planned()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var engine = TableReads.OneEngineConnection(db);
        await using var store = new PostgresWakeUpStore(engine);
        async Task AskEightTimesAsync()
        {
            for (var i = 0; i < 8; i++)
            {
                Assert.Equal(Now, await store.GetNextDueAsync(default));
            }
        }

        // Planned on five rows, as an engine starting on a new database does: a generic plan sorts the
        // whole table for the earliest row.
        var reads = await TableReads.AfterGrowthAsync(engine, db, "wake_ups",
            onYoungTable: async () =>
            {
                for (var i = 0; i < 5; i++)
                {
                    await store.SetAsync(new WakeUpKey("g", $"soon-{i}"), Now.AddMinutes(i), default);
                }

                await AskEightTimesAsync();
            },
            grow: () => GrowAsync(db, 1, 20_000),
            onGrownTable: AskEightTimesAsync);

        Assert.Equal(0, reads.SequentialScans);
        // The first entry of the due index, eight times.
        Assert.InRange(reads.IndexFetches, 0, 1_000);
    }

    private static async Task GrowAsync(Npgsql.NpgsqlDataSource db, int from, int to)
    {
        await using var grow = db.CreateCommand(
            "INSERT INTO wake_ups (grain_type, grain_key, due_at, token) SELECT 'g', 'bulk-' || i, $1, nextval('wake_up_tokens') FROM generate_series($2, $3) i");
        grow.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset> { TypedValue = Now.AddDays(1) });
        grow.Parameters.Add(new Npgsql.NpgsqlParameter<int> { TypedValue = from });
        grow.Parameters.Add(new Npgsql.NpgsqlParameter<int> { TypedValue = to });
        await grow.ExecuteNonQueryAsync();
    }

    private static async Task<(string Xmin, string Xmax, long Token)> RowAsync(Npgsql.NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT xmin::text, xmax::text, token FROM wake_ups");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_at_the_given_time()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var store = new PostgresWakeUpStore(db);
        await store.SetAsync(new WakeUpKey("g", "retry"), Now, default);
        var claimed = (await store.ClaimDueAsync(Now, 10, default)).Single();

        await store.CompleteAsync(claimed, Now.AddSeconds(30), default);

        Assert.Empty(await store.ClaimDueAsync(Now.AddSeconds(29), 10, default));
        Assert.Single(await store.ClaimDueAsync(Now.AddSeconds(30), 10, default));
    }

    [Fact]
    public async Task Claims_of_a_silo_that_died_are_released_at_the_next_start()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var store = new PostgresWakeUpStore(db);
        await store.SetAsync(new WakeUpKey("g", "orphan"), Now, default);
        await store.ClaimDueAsync(Now, 10, default);

        await store.ReleaseClaimsAsync(default);

        Assert.Single(await store.ClaimDueAsync(Now, 10, default));
    }

    [Fact]
    public async Task A_due_time_finer_than_a_microsecond_is_never_claimed_early()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var store = new PostgresWakeUpStore(db);
        var due = Now.AddTicks(5); // half a microsecond past 'Now'

        await store.SetAsync(new WakeUpKey("g", "fine"), due, default);

        Assert.Empty(await store.ClaimDueAsync(Now, 10, default));
        Assert.Single(await store.ClaimDueAsync(Now.AddTicks(10), 10, default));
    }

    [Fact]
    public async Task A_wake_up_on_postgres_fires_on_time_after_the_silo_crashed()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var store = new PostgresWakeUpStore(db);
        await using var storage = new PostgresGrainStorage(db);
        var reminders = new ConcurrentQueue<string>();
        await using var cluster = new InProcessTestCluster(
            b => b.AddGrain<INoteGrain, NoteGrain>("note", ctx => new NoteGrain(ctx.PersistentState<NoteState>("notes"), reminders)),
            start: Now, storage: storage, wakeUps: store);
        await cluster.StartAsync();
        var due = Now.AddHours(3);
        await cluster.GrainFactory.GetGrain<INoteGrain>("r").RemindAtAsync(due);

        await cluster.KillAndRestartAsync();
        await cluster.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Empty(reminders);
        await cluster.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal([$"r:{due:O}@{due:O}"], reminders);
        Assert.Equal(0, await store.CountAsync());
    }
}
