using CustomerSuccess.Silo.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CustomerSuccess.Silo.Tests.Postgres;

[Collection("postgres")]
public sealed class SchemaMigrationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_record_their_versions()
    {
        await using var db = NpgsqlDataSource.Create(await postgres.Server.CreateDatabaseAsync());

        var applied = await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync();

        Assert.Equal(SchemaMigrator.Migrations.Count, applied);
        await using var versions = db.CreateCommand("SELECT array_agg(version ORDER BY version) FROM schema_version");
        Assert.Equal(SchemaMigrator.Migrations.Select(m => m.Version).ToArray(), (int[])(await versions.ExecuteScalarAsync())!);
        foreach (var table in new[] { "grain_state", "wake_ups", "events" })
        {
            await using var exists = db.CreateCommand($"SELECT to_regclass('{table}') IS NOT NULL");
            Assert.True((bool)(await exists.ExecuteScalarAsync())!, table);
        }
    }

    [Fact]
    public async Task Migrating_a_current_schema_changes_nothing()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();

        var applied = await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync();

        Assert.Equal(0, applied);
        await using var count = db.CreateCommand("SELECT count(*) FROM schema_version");
        Assert.Equal((long)SchemaMigrator.Migrations.Count, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_schema_newer_than_the_engine_is_refused_and_left_as_it_is()
    {
        // A newer engine stores what this one cannot read; a rollback must not start on it.
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var newer = SchemaMigrator.Migrations[^1].Version + 1;
        await using (var record = db.CreateCommand($"INSERT INTO schema_version (version, name) VALUES ({newer}, 'from a newer engine')"))
        {
            await record.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync());

        Assert.Contains($"version {newer}", refused.Message);
        await using var count = db.CreateCommand("SELECT count(*) FROM schema_version");
        Assert.Equal((long)SchemaMigrator.Migrations.Count + 1, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Tasks_and_portfolio_entries_leave_room_in_each_page_for_updates_without_new_index_entries()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();

        await using var options = db.CreateCommand("""
            SELECT relname, reloptions FROM pg_class WHERE relname IN ('tasks', 'portfolio_entries') ORDER BY relname
            """);
        await using var reader = await options.ExecuteReaderAsync();
        var found = new Dictionary<string, string[]>();
        while (await reader.ReadAsync())
        {
            found[reader.GetString(0)] = reader.IsDBNull(1) ? [] : reader.GetFieldValue<string[]>(1);
        }

        Assert.Equal(["fillfactor=70"], found["tasks"]);
        Assert.Equal(["fillfactor=70"], found["portfolio_entries"]);
    }

    [Fact]
    public async Task A_grain_state_of_a_few_kilobytes_is_stored_compressed_in_its_row_not_in_the_toast_table()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();

        // ~6 KB of JSON that compresses to ~2.5 KB: over the 2 KB at which EXTENDED storage moves a
        // compressed value out of line.
        var random = new Random(7);
        var json = System.Text.Encoding.UTF8.GetBytes("{\"items\":[" + string.Join(',', Enumerable.Range(0, 400).Select(_ => random.Next(100_000))) + "]}");
        await using (var insert = db.CreateCommand("INSERT INTO grain_state (grain_type, grain_key, state_name, etag, data) VALUES ('customer', 'c-1', 'state', 1, $1)"))
        {
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = json });
            await insert.ExecuteNonQueryAsync();
        }

        await using var sizes = db.CreateCommand("""
            SELECT pg_column_size(data), pg_relation_size(reltoastrelid)
            FROM grain_state, pg_class WHERE relname = 'grain_state'
            """);
        await using var reader = await sizes.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.InRange(reader.GetInt32(0), 2_100, json.Length - 1);
        Assert.Equal(0, reader.GetInt64(1));
    }

    [Fact]
    public async Task Grain_states_are_compressed_with_lz4_where_the_server_supports_it()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        bool lz4;
        try
        {
            await using var probe = db.CreateCommand("CREATE TEMP TABLE lz4_probe (b bytea COMPRESSION lz4)");
            await probe.ExecuteNonQueryAsync();
            lz4 = true;
        }
        catch (Npgsql.PostgresException error) when (error.SqlState == Npgsql.PostgresErrorCodes.FeatureNotSupported)
        {
            lz4 = false;
        }

        await using var method = db.CreateCommand("SELECT attcompression::text FROM pg_attribute WHERE attrelid = 'grain_state'::regclass AND attname = 'data'");
        Assert.Equal(lz4 ? "l" : "", (string)(await method.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Every_indexed_text_key_compares_byte_wise()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();

        // The index's own collation per key column, so an index declared with another COLLATE is caught too.
        await using var columns = db.CreateCommand("""
            SELECT DISTINCT t.relname || '.' || a.attname, coll.collname
            FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid AND t.relnamespace = 'public'::regnamespace
            CROSS JOIN LATERAL unnest(i.indkey::int2[], i.indcollation::oid[]) AS k(attnum, collation_oid)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            JOIN pg_collation coll ON coll.oid = k.collation_oid
            WHERE a.atttypid = 'text'::regtype AND t.relname <> 'schema_version'
            """);
        await using var reader = await columns.ExecuteReaderAsync();
        var collations = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            collations[reader.GetString(0)] = reader.GetString(1);
        }

        foreach (var key in new[] { "events.event_id", "grain_state.grain_key", "wake_ups.grain_key", "tasks.task_id", "tasks.owner_id", "portfolio_entries.customer_id" })
        {
            Assert.True(collations.ContainsKey(key), key);
        }

        Assert.All(collations, column => Assert.Equal("C", column.Value));
    }

    [Fact]
    public async Task The_event_log_keeps_only_the_indexes_its_reads_and_its_idempotency_need()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();

        await using var indexes = db.CreateCommand("SELECT array_agg(indexname::text ORDER BY indexname) FROM pg_indexes WHERE tablename = 'events'");

        Assert.Equal(["events_event_id_unique", "events_pkey"], (string[])(await indexes.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Upgrading_a_populated_schema_keeps_its_rows_and_still_refuses_a_second_copy_of_an_event()
    {
        await using var db = NpgsqlDataSource.Create(await postgres.Server.CreateDatabaseAsync());
        var byteOrder = SchemaMigrator.Migrations.Single(m => m.Name == "byte_order_keys").Version;
        await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync(throughVersion: byteOrder - 1);

        await using (var rows = db.CreateCommand("""
            INSERT INTO events (event_id, customer_id, partition, occurred_at, payload)
            VALUES ('Évt-2', 'c-1', 3, now(), '\x01'), ('evt-1', 'c-1', 3, now(), '\x02');
            INSERT INTO tasks (task_id, customer_id, owner_id, rule, priority, state, created_at, due_at, updated_at, data)
            VALUES ('c-1:gone-quiet:1', 'c-1', 'csm-1', 'GoneQuiet', 2, 'Open', now(), now(), now(), '\x03');
            """))
        {
            await rows.ExecuteNonQueryAsync();
        }

        var applied = await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync();

        Assert.Equal(SchemaMigrator.Migrations.Count - byteOrder + 1, applied);
        await using (var events = db.CreateCommand("SELECT array_agg(event_id ORDER BY position) FROM events"))
        {
            Assert.Equal(["Évt-2", "evt-1"], (string[])(await events.ExecuteScalarAsync())!);
        }

        await using (var task = db.CreateCommand("SELECT owner_id FROM tasks WHERE task_id = 'c-1:gone-quiet:1'"))
        {
            Assert.Equal("csm-1", (string)(await task.ExecuteScalarAsync())!);
        }

        await using var again = db.CreateCommand("INSERT INTO events (event_id, customer_id, partition, occurred_at, payload) VALUES ('evt-1', 'c-2', 4, now(), '\\x04')");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => again.ExecuteNonQueryAsync());
        Assert.Equal("events_event_id_unique", refused.ConstraintName);
    }

    [Fact]
    public async Task Two_processes_migrating_at_once_apply_each_migration_once()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var first = NpgsqlDataSource.Create(connectionString);
        await using var second = NpgsqlDataSource.Create(connectionString);

        var results = await Task.WhenAll(
            new SchemaMigrator(first, NullLogger<SchemaMigrator>.Instance).MigrateAsync(),
            new SchemaMigrator(second, NullLogger<SchemaMigrator>.Instance).MigrateAsync());

        Assert.Equal(SchemaMigrator.Migrations.Count, results.Sum());
        Assert.Contains(0, results);
    }
}
