using Npgsql;

namespace CustomerSuccess.Silo.Storage.Postgres;

/// <summary>
/// For the statements that find their rows through an index: a batch of keys matched against a table's
/// primary key (a join with an <c>unnest</c> of arrays, a <c>= ANY</c> of an array, the claimed rows joined
/// back to their table), or the first entries of an ordered index (the next due wake-up).
/// The engine prepares them once and the server keeps their plans (<see cref="EngineDataSource"/>).
/// A plan made while the table was young (a fresh database, a portfolio loading its first customers)
/// hashes the batch and scans the whole table (or sorts it, for the first entry), and every later
/// execution does the same, at a cost that grows with the table until the cached plan is invalidated (an
/// ANALYZE, a VACUUM, DDL). On a fresh database that kept the server busy ~3 ms per wake-up flush for a
/// few dozen keys (docs/BENCHMARKS.md, issue 4, session 13). With sequential scans and hash and merge
/// joins ruled out, what is left is index scans: a nested loop that looks each key up in the primary key
/// (ruling out only the scans left a merge join walking the whole index), or an ordered index read from
/// its start.
/// </summary>
/// <remarks>
/// Every batch that runs such a statement starts with these settings, not only the first: the server may
/// remake a plan at any execution after an invalidation, and it must see the setting then. The setting
/// lasts until the transaction ends, so it applies to every statement of the batch: a statement added to
/// these batches must either look keys up or have an index for every other condition it filters on (the
/// wake-up claim's due-time range relies on <c>wake_ups_by_due</c>). A join whose key starts with a
/// constant (the portfolio's partition) is not served by these settings: reading the whole partition
/// through the key still looks cheap on a young table. Such a batch is planned at every execution instead
/// (<see cref="AddFreshPlanTo"/>).
/// </remarks>
internal static class KeyLookupPlan
{
    /// <summary>Adds the settings (SET LOCAL, no result sets) to a batch that runs in an explicit transaction, ahead of its look-ups.</summary>
    public static void AddTo(NpgsqlBatch batch)
    {
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_seqscan = off"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_hashjoin = off"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_mergejoin = off"));
    }

    /// <summary>
    /// Has the batch's statements planned at every execution, from the table's size at the time (the server
    /// measures the file even before an ANALYZE), for a batch that runs in an explicit transaction and too
    /// seldom for the planning to matter.
    /// </summary>
    public static void AddFreshPlanTo(NpgsqlBatch batch) =>
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL plan_cache_mode = force_custom_plan"));

    /// <summary>
    /// Runs one key look-up that returns rows (a SELECT, or a write with RETURNING) in a transaction of
    /// its own with the settings, handing each row to <paramref name="readRow"/>, and commits. The
    /// transaction costs a COMMIT round trip; it is what carries the settings.
    /// </summary>
    public static async Task ReadAsync(NpgsqlDataSource dataSource, NpgsqlBatchCommand lookUp, Action<NpgsqlDataReader> readRow, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var commands = new NpgsqlBatch(connection, transaction);
        AddTo(commands);
        commands.BatchCommands.Add(lookUp);
        await using (var reader = await commands.ExecuteReaderAsync(cancellationToken))
        {
            // The settings come first in the batch; the look-up's rows are in whichever result has them.
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    readRow(reader);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
