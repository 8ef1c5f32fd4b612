using Npgsql;

namespace CustomerSuccess.Silo.Tests.Postgres;

/// <summary>
/// What the server has read from a table: whole-table scans and rows fetched through indexes. The way
/// to tell that the engine's key look-ups kept to the primary key, whatever plan the server cached.
/// </summary>
internal readonly record struct TableReads(long SequentialScans, long IndexFetches)
{
    /// <param name="engine">The data source under test, on one connection (<see cref="OneEngineConnection"/>), so its server process is the one asked to publish its counts.</param>
    /// <param name="observer">Another data source on the same database.</param>
    private static async Task<TableReads> OfAsync(NpgsqlDataSource engine, NpgsqlDataSource observer, string table)
    {
        // A server process publishes its statistics at most once a second unless asked; asked, it
        // does so before it reports being ready for the next command.
        await using (var flush = engine.CreateCommand("SELECT pg_stat_force_next_flush()"))
        {
            await flush.ExecuteNonQueryAsync();
        }

        await using var count = observer.CreateCommand("SELECT seq_scan, coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables WHERE relname = $1");
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new TableReads(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// What <paramref name="onGrownTable"/> reads from <paramref name="table"/> (whole-table scans and index
    /// fetches, counted from its start) after <paramref name="onYoungTable"/> has made the engine prepare
    /// and plan its statements and <paramref name="grow"/> has added rows. Autovacuum is kept off the
    /// table first, so nothing replans the statements in between.
    /// </summary>
    /// <param name="engine">The data source under test (<see cref="OneEngineConnection"/>).</param>
    /// <param name="db">Another data source on the same database.</param>
    public static async Task<TableReads> AfterGrowthAsync(
        NpgsqlDataSource engine, NpgsqlDataSource db, string table, Func<Task> onYoungTable, Func<Task> grow, Func<Task> onGrownTable)
    {
        await KeepAutovacuumOffAsync(db, table);
        await onYoungTable();
        await grow();
        var before = await OfAsync(engine, db, table);
        await onGrownTable();
        var after = await OfAsync(engine, db, table);
        return new TableReads(after.SequentialScans - before.SequentialScans, after.IndexFetches - before.IndexFetches);
    }

    /// <summary>
    /// The engine's data source for <paramref name="db"/>'s database, on one connection whose statements
    /// are prepared from their first use and take their generic plan from their first prepared
    /// execution. The server settles on that plan after five executions whenever it costs no more than
    /// the custom ones; this is what it would do, without depending on that comparison.
    /// </summary>
    public static NpgsqlDataSource OneEngineConnection(NpgsqlDataSource db)
    {
        var builder = new NpgsqlConnectionStringBuilder(db.ConnectionString)
        {
            MaxPoolSize = 1,
            AutoPrepareMinUsages = 1,
            Options = "-c plan_cache_mode=force_generic_plan",
        };
        return Storage.Postgres.EngineDataSource.Create(builder.ConnectionString);
    }

    /// <summary>Keeps autovacuum off the table: its ANALYZE would replan the cached statements and hide a bad plan.</summary>
    private static async Task KeepAutovacuumOffAsync(NpgsqlDataSource db, string table)
    {
        await using var off = db.CreateCommand($"ALTER TABLE {table} SET (autovacuum_enabled = off)");
        await off.ExecuteNonQueryAsync();
    }
}
