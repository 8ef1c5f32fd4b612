using Npgsql;

namespace CustomerSuccess.Storage.Bench;

/// <summary>
/// Where the server's time went, statement by statement, when the server was started with
/// CS_POSTGRES_OPTIONS="-c shared_preload_libraries=pg_stat_statements"; silent otherwise.
/// </summary>
internal static class StatementStatistics
{
    public static async Task<bool> TryResetAsync(NpgsqlDataSource db)
    {
        try
        {
            await using var create = db.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()");
            await create.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    public static async Task PrintAsync(NpgsqlDataSource db, string prefix)
    {
        await using var top = db.CreateCommand("""
            SELECT calls, rows, round(total_exec_time)::bigint, left(regexp_replace(query, '\s+', ' ', 'g'), 110)
            FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12
            """);
        await using var reader = await top.ExecuteReaderAsync();
        Console.WriteLine($"{prefix}: statements by server time (calls, rows, ms, statement)");
        while (await reader.ReadAsync())
        {
            Console.WriteLine($"{prefix}: {reader.GetInt64(0),8:N0} {reader.GetInt64(1),10:N0} {reader.GetInt64(2),8:N0}  {reader.GetString(3)}");
        }
    }
}
