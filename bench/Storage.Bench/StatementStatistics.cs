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
            await using var create = db.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset(); SELECT pg_stat_reset(); SELECT pg_stat_reset_shared('wal')");
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
            SELECT calls, rows, round(total_exec_time)::bigint, shared_blks_hit, shared_blks_read, shared_blks_dirtied, shared_blks_written, wal_fpi,
                   left(regexp_replace(query, '\s+', ' ', 'g'), 80)
            FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12
            """);
        await using var reader = await top.ExecuteReaderAsync();
        Console.WriteLine($"{prefix}: statements by server time (calls, rows, ms; shared blocks hit, read, dirtied, written; WAL full-page images; statement)");
        while (await reader.ReadAsync())
        {
            Console.WriteLine($"{prefix}: {reader.GetInt64(0),8:N0} {reader.GetInt64(1),10:N0} {reader.GetInt64(2),8:N0}; {reader.GetInt64(3),11:N0} {reader.GetInt64(4),9:N0} {reader.GetInt64(5),9:N0} {reader.GetInt64(6),9:N0}; {reader.GetInt64(7),8:N0}  {reader.GetString(8)}");
        }

        await reader.DisposeAsync();
        await PrintTablesAsync(db, prefix);
        await PrintWalAsync(db, prefix);
        await PrintTasksAsync(db, prefix);
    }

    // Which rules the workload's tasks come from: each task's evidence changes are task-row writes.
    private static async Task PrintTasksAsync(NpgsqlDataSource db, string prefix)
    {
        await using var tasks = db.CreateCommand("SELECT rule, state, count(*) FROM tasks GROUP BY rule, state ORDER BY rule, state");
        await using var reader = await tasks.ExecuteReaderAsync();
        Console.WriteLine($"{prefix}: tasks by rule and state");
        while (await reader.ReadAsync())
        {
            Console.WriteLine($"{prefix}: {reader.GetString(0),-20} {reader.GetString(1),-12} {reader.GetInt64(2),10:N0}");
        }
    }

    // The write-ahead log: the first change to a page after a server checkpoint writes the whole
    // page (a full-page image), so changes scattered over large tables cost a page of WAL each.
    private static async Task PrintWalAsync(NpgsqlDataSource db, string prefix)
    {
        await using var wal = db.CreateCommand("SELECT wal_records, wal_fpi, wal_bytes::bigint, wal_buffers_full FROM pg_stat_wal");
        await using var reader = await wal.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            Console.WriteLine($"{prefix}: WAL {reader.GetInt64(0):N0} records, {reader.GetInt64(1):N0} full-page images, {reader.GetInt64(2) / 1048576.0:N0} MiB, WAL buffers full {reader.GetInt64(3):N0} times");
        }
    }

    // Row versions written per table, and how many updates were HOT (no index entries written):
    // an update that is not HOT costs a new entry in every index of its table.
    private static async Task PrintTablesAsync(NpgsqlDataSource db, string prefix)
    {
        await using var tables = db.CreateCommand("""
            SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del
            FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY relname
            """);
        await using var reader = await tables.ExecuteReaderAsync();
        Console.WriteLine($"{prefix}: rows written by table (inserted, updated, of which HOT, deleted)");
        while (await reader.ReadAsync())
        {
            Console.WriteLine($"{prefix}: {reader.GetString(0),-20} {reader.GetInt64(1),10:N0} {reader.GetInt64(2),10:N0} {reader.GetInt64(3),10:N0} {reader.GetInt64(4),10:N0}");
        }
    }
}
