using Npgsql;

namespace CustomerSuccess.Silo.Tests.Postgres;

/// <summary>
/// How often the server has scanned a table from end to end: the way to tell that the engine's key
/// look-ups kept to the primary key, whatever plan the server cached for them.
/// </summary>
internal static class SequentialScans
{
    /// <param name="engine">The data source under test, with a single connection, so its server process is the one asked to publish its counts.</param>
    /// <param name="observer">Another data source on the same database.</param>
    public static async Task<long> OfAsync(NpgsqlDataSource engine, NpgsqlDataSource observer, string table)
    {
        // A server process publishes its statistics at most once a second unless asked; asked, it
        // does so before it reports being ready for the next command.
        await using (var flush = engine.CreateCommand("SELECT pg_stat_force_next_flush()"))
        {
            await flush.ExecuteNonQueryAsync();
        }

        await using var count = observer.CreateCommand("SELECT seq_scan FROM pg_stat_user_tables WHERE relname = $1");
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The engine's data source for <paramref name="db"/>'s database, on one connection whose prepared
    /// statements take their generic plan from the first execution: the server settles on that plan
    /// after five executions whenever it does not cost more than the custom ones, so this is what it
    /// would do, without depending on that comparison.
    /// </summary>
    public static NpgsqlDataSource OneEngineConnection(NpgsqlDataSource db) =>
        Storage.Postgres.EngineDataSource.Create(db.ConnectionString + ";Maximum Pool Size=1;Options=-c plan_cache_mode=force_generic_plan");
}
