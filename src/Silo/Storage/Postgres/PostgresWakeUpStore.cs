using CustomerSuccess.Actors.WakeUps;
using Npgsql;
using NpgsqlTypes;

namespace CustomerSuccess.Silo.Storage.Postgres;

/// <summary>
/// Durable wake-ups in PostgreSQL: one row per grain, an index on the due time, claims that hand
/// each due wake-up to one scanner (FOR UPDATE SKIP LOCKED, with a lease so a claim of a silo that
/// died is taken again). Changes are group-committed like grain state.
/// </summary>
public sealed class PostgresWakeUpStore : IWakeUpStore, IAsyncDisposable
{
    private const int MaxBatch = 4_000;
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitQueue<PendingChange> _changes;

    public PostgresWakeUpStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _changes = new GroupCommitQueue<PendingChange>(FlushAsync, MaxBatch);
    }

    public Task SetAsync(WakeUpKey key, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        var change = new PendingChange(key, dueAt is { } due ? RoundUpToMicroseconds(due) : null, null);
        _changes.Enqueue(change);
        return change.Task;
    }

    public async Task<IReadOnlyList<DueWakeUp>> ClaimDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        // The claimed rows are joined back to the table by their key (KeyLookupPlan): a plan cached on a
        // young table scanned the whole table at every claim. The due-time range stays an index scan of
        // wake_ups_by_due. In a transaction for the setting, the claim commits only once its rows are
        // read: a claim cancelled or failed before that leaves no lease behind.
        var claim = new NpgsqlBatchCommand("""
            UPDATE wake_ups w SET claimed_until = $1 + $3
            FROM (SELECT grain_type, grain_key FROM wake_ups
                  WHERE due_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)
                  ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED) c
            WHERE w.grain_type = c.grain_type AND w.grain_key = c.grain_key
            RETURNING w.grain_type, w.grain_key, w.due_at, w.token
            """);
        claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        claim.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = ClaimLease });
        var claimed = new List<DueWakeUp>();
        await KeyLookupPlan.ReadAsync(_dataSource, claim, reader => claimed.Add(new DueWakeUp(
            new WakeUpKey(reader.GetString(0), reader.GetString(1)),
            reader.GetFieldValue<DateTimeOffset>(2),
            reader.GetInt64(3))), cancellationToken);

        // Scanned in due order by the index; a batch from one statement comes back in any order.
        claimed.Sort(static (a, b) => a.DueAt.CompareTo(b.DueAt));
        return claimed;
    }

    public Task CompleteAsync(DueWakeUp wakeUp, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        var change = new PendingChange(wakeUp.Key, retryAt is { } retry ? RoundUpToMicroseconds(retry) : null, wakeUp.Token);
        _changes.Enqueue(change);
        return change.Task;
    }

    public async Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken)
    {
        // The first entry of wake_ups_by_due, whatever plan is cached (KeyLookupPlan): planned when an
        // engine starts on a new database, the query sorted the whole table after every scan.
        var earliest = new NpgsqlBatchCommand("SELECT due_at FROM wake_ups WHERE claimed_until IS NULL ORDER BY due_at LIMIT 1");
        DateTimeOffset? next = null;
        await KeyLookupPlan.ReadAsync(_dataSource, earliest, reader => next = reader.GetFieldValue<DateTimeOffset>(0), cancellationToken);
        return next;
    }

    public async Task ReleaseClaimsAsync(CancellationToken cancellationToken)
    {
        // One silo owns every partition today; with leases per partition this becomes per-owner.
        await using var command = _dataSource.CreateCommand("UPDATE wake_ups SET claimed_until = NULL WHERE claimed_until IS NOT NULL");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _changes.DisposeAsync();

    /// <summary>Number of grains with a wake-up set.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM wake_ups");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // PostgreSQL keeps microseconds; rounding up means a stored due time is never earlier than asked.
    private static DateTimeOffset RoundUpToMicroseconds(DateTimeOffset value)
    {
        const long TicksPerMicrosecond = 10;
        var ticks = value.UtcTicks;
        var remainder = ticks % TicksPerMicrosecond;
        return new DateTimeOffset(remainder == 0 ? ticks : ticks + TicksPerMicrosecond - remainder, TimeSpan.Zero);
    }

    private async Task FlushAsync(List<PendingChange> batch, CancellationToken cancellationToken)
    {
        // Later changes of one grain in the same batch win, except that completing a claim never
        // undoes a due time the grain set after it was claimed (that set is newer than the claim).
        var last = new Dictionary<WakeUpKey, PendingChange>(batch.Count);
        foreach (var change in batch)
        {
            if (change.OnlyIfToken is not null && last.TryGetValue(change.Key, out var earlier) && earlier.OnlyIfToken is null)
            {
                continue;
            }

            last[change.Key] = change;
        }

        var setTypes = new List<string>();
        var setKeys = new List<string>();
        var setDues = new List<DateTimeOffset>();
        var setTokens = new List<long>();
        var removeTypes = new List<string>();
        var removeKeys = new List<string>();
        var removeTokens = new List<long>();
        foreach (var change in last.Values)
        {
            if (change.DueAt is { } due)
            {
                setTypes.Add(change.Key.GrainType);
                setKeys.Add(change.Key.GrainKey);
                setDues.Add(due);
                setTokens.Add(change.OnlyIfToken ?? -1);
            }
            else
            {
                removeTypes.Add(change.Key.GrainType);
                removeKeys.Add(change.Key.GrainKey);
                removeTokens.Add(change.OnlyIfToken ?? -1);
            }
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var commands = new NpgsqlBatch(connection, transaction);
        // The UPDATE and DELETE join the flush's keys with the table (KeyLookupPlan).
        KeyLookupPlan.AddTo(commands);
        if (setTypes.Count > 0)
        {
            // New rows are inserted; existing ones are updated only where the due time moves or a
            // claim is out. A row set again to the time it holds (every activation re-asserts its
            // wake-up, and a replay activates each customer it touches) is neither rewritten nor
            // locked: an upsert would lock it and log the lock, a new row version with two index
            // entries if it updated. A completion with a retry (token >= 0) applies only if the grain
            // set nothing newer. One flush at a time writes here, so nothing inserts between the two.
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO wake_ups (grain_type, grain_key, due_at, token)
                SELECT t, k, d, nextval('wake_up_tokens') FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[]) AS u(t, k, d, o)
                WHERE o < 0
                ON CONFLICT (grain_type, grain_key) DO NOTHING
                """);
            var update = new NpgsqlBatchCommand("""
                UPDATE wake_ups w SET due_at = u.d, token = nextval('wake_up_tokens'), claimed_until = NULL
                FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[]) AS u(t, k, d, o)
                WHERE w.grain_type = u.t AND w.grain_key = u.k
                  AND (u.o < 0 OR w.token = u.o)
                  AND (w.due_at <> u.d OR w.claimed_until IS NOT NULL)
                """);
            // The same rows go to both statements: the arrays are built once, the parameters twice.
            var (types, keys, dues, tokens) = (setTypes.ToArray(), setKeys.ToArray(), setDues.ToArray(), setTokens.ToArray());
            foreach (var command in (ReadOnlySpan<NpgsqlBatchCommand>)[insert, update])
            {
                command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = dues, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
                command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = tokens, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
                commands.BatchCommands.Add(command);
            }
        }

        if (removeTypes.Count > 0)
        {
            var delete = new NpgsqlBatchCommand("""
                DELETE FROM wake_ups w USING unnest($1::text[], $2::text[], $3::bigint[]) AS u(t, k, o)
                WHERE w.grain_type = u.t AND w.grain_key = u.k AND (u.o < 0 OR w.token = u.o)
                """);
            delete.Parameters.Add(TextArray(removeTypes));
            delete.Parameters.Add(TextArray(removeKeys));
            delete.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = removeTokens.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            commands.BatchCommands.Add(delete);
        }

        await commands.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var change in batch)
        {
            change.TrySetResult();
        }
    }

    private static NpgsqlParameter<string[]> TextArray(List<string> values) =>
        new() { TypedValue = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private sealed class PendingChange(WakeUpKey key, DateTimeOffset? dueAt, long? onlyIfToken)
        : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), IGroupCommitItem
    {
        public WakeUpKey Key { get; } = key;

        public DateTimeOffset? DueAt { get; } = dueAt;

        public long? OnlyIfToken { get; } = onlyIfToken;

        public void Fail(Exception error) => TrySetException(error);
    }
}
