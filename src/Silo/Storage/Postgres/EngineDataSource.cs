using System.Data.Common;
using Npgsql;

namespace CustomerSuccess.Silo.Storage.Postgres;

/// <summary>
/// The engine's PostgreSQL connections. Every write path is group-committed, so a few busy
/// connections carry the whole load; more connections only add server processes. Each server process
/// maps the shared buffers it touches on first touch, at a page fault per 4 KiB page and process. A
/// pool of ~20 therefore paid for the same pages ~20 times, and that cost more than half the
/// server's CPU during a restart's replay (docs/BENCHMARKS.md, issue 4). Npgsql hands idle connections
/// out in turn, so every open connection ends up touching every hot page. The pool is capped, unless the
/// connection string sets its own Maximum Pool Size.
/// </summary>
/// <remarks>
/// Reads that a person waits for (a CSM's task list, the readiness probe) have a pool of their own
/// (<see cref="QueriesKey"/>): when a checkpoint and the ingestion keep every write connection busy,
/// such a read would otherwise wait for a whole flush to finish before it even starts.
/// The writes' pool prepares the engine's statements on the server (<see cref="AutoPreparedStatements"/>);
/// neither pool resets a connection handed back to it: see <c>WithStatementDefaults</c>.
/// </remarks>
public static class EngineDataSource
{
    /// <summary>Connections when the connection string does not say.</summary>
    public const int DefaultMaxConnections = 4;

    /// <summary>Connections of the queries' pool, whatever the connection string sets (its pool size is the writes').</summary>
    public const int QueryConnections = 2;

    /// <summary>
    /// Statements each connection keeps prepared when the connection string does not say. The engine
    /// runs a few dozen distinct statements, each thousands of times.
    /// </summary>
    public const int AutoPreparedStatements = 64;

    /// <summary>The service key of the queries' data source.</summary>
    public const string QueriesKey = "queries";

    public static NpgsqlDataSource Create(string connectionString) =>
        NpgsqlDataSource.Create(WithConnectionCap(connectionString));

    /// <summary>
    /// The pool for reads a person waits for, apart from the write paths' connections: the engine
    /// opens at most <see cref="QueryConnections"/> more.
    /// </summary>
    public static NpgsqlDataSource CreateForQueries(string connectionString) =>
        NpgsqlDataSource.Create(ForQueries(connectionString));

    /// <summary>The connection string of the queries' pool.</summary>
    public static string ForQueries(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = QueryConnections };
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, QueryConnections);
        // Not prepared: the task list's one statement serves any mix of filters ("$2 IS NULL OR
        // owner_id = $2"), and a generic plan cached for it could not use the owner's index. Its
        // reads are few; each is planned for its own filters.
        WithStatementDefaults(builder, new DbConnectionStringBuilder { ConnectionString = connectionString }, prepare: false);
        return builder.ConnectionString;
    }

    /// <summary>The connection string with the engine's default Maximum Pool Size, unless it sets one.</summary>
    public static string WithConnectionCap(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);

        // Npgsql's builder answers ContainsKey for every keyword it knows, set or not; the raw pairs tell.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("MaxPoolSize"))
        {
            // A minimum above the cap would be refused by Npgsql at the first connection.
            builder.MaxPoolSize = Math.Max(DefaultMaxConnections, builder.MinPoolSize);
        }

        WithStatementDefaults(builder, given, prepare: true);
        return builder.ConnectionString;
    }

    // Unprepared, every execution is parsed and planned again: a profile of durable ingestion put 4-5 %
    // of the machine's CPU in the server's planner and plan copies, gone once the write paths'
    // statements are prepared (docs/BENCHMARKS.md, issue 4). The engine keeps no session state on a
    // connection (no SET, LISTEN, temporary tables or session locks; a migration's lock is the
    // transaction's), so the reset Npgsql otherwise sends ahead of the next command on a connection
    // taken from the pool is work for the server for nothing. Either is kept as the operator set it
    // (behind a transaction-mode PgBouncer older than 1.21, set Max Auto Prepare=0).
    private static void WithStatementDefaults(NpgsqlConnectionStringBuilder builder, DbConnectionStringBuilder given, bool prepare)
    {
        if (prepare && !given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
    }
}
