using System.Collections.Concurrent;
using System.Text;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Actors.Testing;
using CustomerSuccess.Silo.Storage.Postgres;

namespace CustomerSuccess.Silo.Tests.Postgres;

[Collection("postgres")]
public sealed class PostgresGrainStorageTests(PostgresFixture postgres)
{
    private static readonly GrainStateKey Key = new("note", "k1", "notes");

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task A_missing_record_reads_as_null()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var storage = new PostgresGrainStorage(db);

        Assert.Null(await storage.ReadAsync(Key, default));
    }

    [Fact]
    public async Task Reads_and_updates_look_their_records_up_by_the_primary_key_when_the_table_has_grown_since_they_were_planned()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var engine = TableReads.OneEngineConnection(db);
        await using var storage = new PostgresGrainStorage(engine);
        var etags = new string[8];

        var reads = await TableReads.AfterGrowthAsync(engine, db, "grain_state",
            onYoungTable: async () =>
            {
                // A few rows, for which a generic plan hashes the whole table, stored states included.
                for (var i = 0; i < etags.Length; i++)
                {
                    var key = new GrainStateKey("note", $"early-{i}", "notes");
                    etags[i] = await storage.WriteAsync(key, Json("""{"v":1}"""), null, default);
                    etags[i] = await storage.WriteAsync(key, Json("""{"v":2}"""), etags[i], default);
                    Assert.NotNull(await storage.ReadAsync(key, default));
                }
            },
            grow: async () =>
            {
                await using var grow = db.CreateCommand(
                    "INSERT INTO grain_state (grain_type, grain_key, state_name, etag, data) SELECT 'note', 'bulk-' || i, 'notes', 1, '{}'::bytea FROM generate_series(1, 20000) i");
                await grow.ExecuteNonQueryAsync();
            },
            onGrownTable: async () =>
            {
                for (var i = 0; i < etags.Length; i++)
                {
                    var key = new GrainStateKey("note", $"early-{i}", "notes");
                    await storage.WriteAsync(key, Json("""{"v":3}"""), etags[i], default);
                    Assert.Equal("""{"v":3}""", Encoding.UTF8.GetString((await storage.ReadAsync(key, default))!.Json));
                }
            });

        Assert.Equal(0, reads.SequentialScans);
        // Eight records written and read: a few index fetches each, not a walk through 20,008 entries.
        Assert.InRange(reads.IndexFetches, 0, 1_000);
    }

    [Fact]
    public async Task A_write_reads_back_with_a_new_etag_each_time()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var storage = new PostgresGrainStorage(db);

        var first = await storage.WriteAsync(Key, Json("""{"v":1}"""), null, default);
        var second = await storage.WriteAsync(Key, Json("""{"v":2}"""), first, default);
        var stored = await storage.ReadAsync(Key, default);

        Assert.NotEqual(first, second);
        Assert.Equal(second, stored!.Etag);
        Assert.Equal("""{"v":2}""", Encoding.UTF8.GetString(stored.Json));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_the_stored_record_is_unchanged()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var storage = new PostgresGrainStorage(db);
        var etag = await storage.WriteAsync(Key, Json("""{"v":1}"""), null, default);
        await storage.WriteAsync(Key, Json("""{"v":2}"""), etag, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Key, Json("""{"v":3}"""), etag, default));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Key, Json("""{"v":4}"""), null, default));

        Assert.Equal("""{"v":2}""", Encoding.UTF8.GetString((await storage.ReadAsync(Key, default))!.Json));
    }

    [Fact]
    public async Task Clearing_with_the_current_etag_deletes_and_with_a_stale_one_is_refused()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var storage = new PostgresGrainStorage(db);
        var first = await storage.WriteAsync(Key, Json("{}"), null, default);
        var second = await storage.WriteAsync(Key, Json("{}"), first, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(Key, first, default));
        await storage.ClearAsync(Key, second, default);

        Assert.Null(await storage.ReadAsync(Key, default));
    }

    [Fact]
    public async Task Thousands_of_concurrent_writes_are_group_committed_and_each_lands()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var storage = new PostgresGrainStorage(db);

        var etags = await Task.WhenAll(Enumerable.Range(0, 5_000).Select(i =>
            storage.WriteAsync(new GrainStateKey("note", $"k{i}", "notes"), Json($$"""{"i":{{i}}}"""), null, default)));
        var updated = await Task.WhenAll(Enumerable.Range(0, 5_000).Select(i =>
            storage.WriteAsync(new GrainStateKey("note", $"k{i}", "notes"), Json($$"""{"i":{{i + 1}}}"""), etags[i], default)));

        Assert.All(updated, etag => Assert.Equal("2", etag));
        await using var command = db.CreateCommand("SELECT count(*), sum(etag) FROM grain_state");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(5_000, reader.GetInt64(0));
        Assert.Equal(10_000m, reader.GetDecimal(1));
    }

    [Fact]
    public async Task Two_writes_of_one_record_with_the_same_etag_do_not_both_succeed()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var storage = new PostgresGrainStorage(db);
        var etag = await storage.WriteAsync(Key, Json("""{"v":1}"""), null, default);

        var first = storage.WriteAsync(Key, Json("""{"v":2}"""), etag, default);
        var second = storage.WriteAsync(Key, Json("""{"v":3}"""), etag, default);
        var outcomes = await Task.WhenAll(Succeeded(first), Succeeded(second));

        Assert.Equal(1, outcomes.Count(succeeded => succeeded));
        Assert.IsType<InconsistentStateException>((first.IsFaulted ? first : second).Exception!.InnerException);
    }

    private static async Task<bool> Succeeded(Task task)
    {
        try
        {
            await task;
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_grain_on_postgres_storage_gets_its_saved_state_back_after_a_crash()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var storage = new PostgresGrainStorage(db);
        var reminders = new ConcurrentQueue<string>();
        await using var cluster = new InProcessTestCluster(
            b => b.AddGrain<INoteGrain, NoteGrain>("note", ctx => new NoteGrain(ctx.PersistentState<NoteState>("notes"), reminders)),
            storage: storage);
        await cluster.StartAsync();
        await cluster.GrainFactory.GetGrain<INoteGrain>("n").AddAsync("saved", save: true);
        await cluster.GrainFactory.GetGrain<INoteGrain>("n").AddAsync("lost in the crash", save: false);

        await cluster.KillAndRestartAsync();

        Assert.Equal(["saved"], await cluster.GrainFactory.GetGrain<INoteGrain>("n").GetAsync());
        await cluster.GrainFactory.GetGrain<INoteGrain>("n").AddAsync("after", save: false);
        await cluster.RestartAsync();
        Assert.Equal(["saved", "after"], await cluster.GrainFactory.GetGrain<INoteGrain>("n").GetAsync());
    }

    [Fact]
    public async Task A_burst_of_large_states_and_many_reads_is_written_and_read_back_whole()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var storage = new PostgresGrainStorage(db);

        // 48 states of 1 MiB (more than one flush may carry) and 3,000 small ones, all at once.
        var large = Enumerable.Range(0, 48).Select(i => (Key: new GrainStateKey("board", $"b{i}", "tasks"), Json: Json($"{{\"v\":\"{new string((char)('a' + i % 26), 1 << 20)}\"}}"))).ToArray();
        var small = Enumerable.Range(0, 3_000).Select(i => (Key: new GrainStateKey("customer", $"c{i}", "customer"), Json: Json($"{{\"v\":{i}}}"))).ToArray();
        var etags = await Task.WhenAll(large.Concat(small).Select(w => storage.WriteAsync(w.Key, w.Json, null, default)));

        Assert.All(etags, etag => Assert.Equal("1", etag));
        var reads = await Task.WhenAll(large.Concat(small).Select(w => storage.ReadAsync(w.Key, default)));
        Assert.Equal(large.Concat(small).Select(w => Encoding.UTF8.GetString(w.Json)), reads.Select(r => Encoding.UTF8.GetString(r!.Json)));
    }
}
