using CustomerSuccess.Actors.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace CustomerSuccess.Silo.Storage.Postgres;

/// <summary>
/// Grain state in PostgreSQL with ETag concurrency. Writes from many grains are group-committed:
/// one round trip inserts the new records and updates the others where their ETag still matches,
/// so checkpointing a hundred thousand customers is not a hundred thousand round trips. Reads are
/// batched the same way, so activating them is not either.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    private const int MaxBatch = 2_000;
    private const long MaxFlushBytes = 32L << 20;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitQueue<PendingWrite> _writes;
    private readonly GroupCommitQueue<PendingRead> _reads;

    public PostgresGrainStorage(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _writes = new GroupCommitQueue<PendingWrite>(FlushAsync, MaxBatch);
        _reads = new GroupCommitQueue<PendingRead>(FlushReadsAsync, MaxBatch);
    }

    public Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        // Reads are batched like writes: a burst of activations (a replay, a wave of new
        // customers) must not take a pooled connection each and exhaust the pool.
        var read = new PendingRead(key);
        _reads.Enqueue(read);
        return read.Task;
    }

    private async Task FlushReadsAsync(List<PendingRead> batch, CancellationToken cancellationToken)
    {
        var types = new string[batch.Count];
        var keys = new string[batch.Count];
        var names = new string[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            types[i] = batch[i].Key.GrainType;
            keys[i] = batch[i].Key.GrainKey;
            names[i] = batch[i].Key.StateName;
        }

        // KeyLookupPlan: a plan cached on a young table hashed every stored state, data included, for
        // each batch of activations.
        var select = new NpgsqlBatchCommand("""
            SELECT g.grain_type, g.grain_key, g.state_name, g.data, g.etag
            FROM grain_state g JOIN unnest($1::text[], $2::text[], $3::text[]) AS u(t, k, s)
              ON g.grain_type = u.t AND g.grain_key = u.k AND g.state_name = u.s
            """);
        select.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        select.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        select.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var found = new Dictionary<GrainStateKey, StoredGrainState>(batch.Count);
        await KeyLookupPlan.ReadAsync(_dataSource, select, reader =>
            found[new GrainStateKey(reader.GetString(0), reader.GetString(1), reader.GetString(2))] =
                new StoredGrainState(reader.GetFieldValue<byte[]>(3), FormatEtag(reader.GetInt64(4))), cancellationToken);

        foreach (var read in batch)
        {
            read.TrySetResult(found.GetValueOrDefault(read.Key));
        }
    }

    public Task<string> WriteAsync(GrainStateKey key, byte[] json, string? expectedEtag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        var write = new PendingWrite(key, json, ParseEtag(expectedEtag));
        _writes.Enqueue(write);
        return write.Task;
    }

    public async Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (expectedEtag is null)
        {
            // Nothing was read, so nothing may exist: that is the ETag rule for a missing record.
            var existing = await ReadAsync(key, cancellationToken);
            if (existing is not null)
            {
                throw Conflict(key, existing.Etag, null);
            }

            return;
        }

        await using var command = _dataSource.CreateCommand(
            "DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND etag = $4");
        AddKey(command, key);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ParseEtag(expectedEtag)!.Value });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw Conflict(key, (await ReadAsync(key, cancellationToken))?.Etag, expectedEtag);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        await _reads.DisposeAsync();
    }

    private async Task FlushAsync(List<PendingWrite> batch, CancellationToken cancellationToken)
    {
        // A grain awaits each write before the next, but nothing forces grain code to: a second
        // write of the same record in one statement would match once and report success twice.
        // It waits for the next flush, where its ETag is checked against the first one's result.
        // Large states (a board, a partition) are bounded by bytes too: one statement carrying
        // gigabytes is refused by the server and takes the connection with it.
        var keys = new HashSet<GrainStateKey>(batch.Count);
        var inserts = new List<PendingWrite>();
        var updates = new List<PendingWrite>();
        List<PendingWrite>? later = null;
        long bytes = 0;
        foreach (var write in batch)
        {
            // The key is taken either way, so a later write of a deferred record is deferred too.
            if (!keys.Add(write.Key) || (bytes > 0 && bytes + write.Json.Length > MaxFlushBytes))
            {
                (later ??= []).Add(write);
                continue;
            }

            bytes += write.Json.Length;

            (write.ExpectedEtag is null ? inserts : updates).Add(write);
        }

        if (later is not null)
        {
            var deferred = new HashSet<PendingWrite>(later);
            batch.RemoveAll(deferred.Contains);
            foreach (var write in later)
            {
                _writes.Enqueue(write);
            }
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var commands = new NpgsqlBatch(connection, transaction);
        // The UPDATE joins the flush's records with the table (KeyLookupPlan).
        KeyLookupPlan.AddTo(commands);
        if (inserts.Count > 0)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO grain_state (grain_type, grain_key, state_name, etag, data)
                SELECT t, k, s, 1, d FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[]) AS u(t, k, s, d)
                ON CONFLICT DO NOTHING
                RETURNING grain_type, grain_key, state_name
                """);
            AddColumns(insert, inserts, withExpected: false);
            commands.BatchCommands.Add(insert);
        }

        if (updates.Count > 0)
        {
            var update = new NpgsqlBatchCommand("""
                UPDATE grain_state g SET etag = g.etag + 1, data = u.d, updated_at = now()
                FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::bigint[]) AS u(t, k, s, d, e)
                WHERE g.grain_type = u.t AND g.grain_key = u.k AND g.state_name = u.s AND g.etag = u.e
                RETURNING g.grain_type, g.grain_key, g.state_name
                """);
            AddColumns(update, updates, withExpected: true);
            commands.BatchCommands.Add(update);
        }

        var written = new HashSet<GrainStateKey>();
        await using (var reader = await commands.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    written.Add(new GrainStateKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var write in batch)
        {
            if (written.Contains(write.Key))
            {
                write.TrySetResult(FormatEtag((write.ExpectedEtag ?? 0) + 1));
            }
            else
            {
                write.TrySetException(Conflict(write.Key, null, write.ExpectedEtag is { } e ? FormatEtag(e) : null));
            }
        }
    }

    private static void AddColumns(NpgsqlBatchCommand command, List<PendingWrite> writes, bool withExpected)
    {
        var types = new string[writes.Count];
        var keys = new string[writes.Count];
        var names = new string[writes.Count];
        var data = new byte[writes.Count][];
        var expected = withExpected ? new long[writes.Count] : null;
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            types[i] = write.Key.GrainType;
            keys[i] = write.Key.GrainKey;
            names[i] = write.Key.StateName;
            data[i] = write.Json;
            if (expected is not null)
            {
                expected[i] = write.ExpectedEtag!.Value;
            }
        }

        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        if (expected is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = expected, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        }
    }

    private static void AddKey(NpgsqlCommand command, GrainStateKey key)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.StateName });
    }

    private static string FormatEtag(long etag) => etag.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long? ParseEtag(string? etag) =>
        etag is null ? null
        : long.TryParse(etag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : throw new InconsistentStateException($"'{etag}' is not an ETag of this storage.", null, etag);

    private static InconsistentStateException Conflict(GrainStateKey key, string? stored, string? held) =>
        new($"ETag mismatch for {key.GrainType}/{key.GrainKey}/{key.StateName}: the record changed since it was read (writer had '{held ?? "none"}').", stored, held);

    private sealed class PendingRead(GrainStateKey key)
        : TaskCompletionSource<StoredGrainState?>(TaskCreationOptions.RunContinuationsAsynchronously), IGroupCommitItem
    {
        public GrainStateKey Key { get; } = key;

        public void Fail(Exception error) => TrySetException(error);
    }

    private sealed class PendingWrite(GrainStateKey key, byte[] json, long? expectedEtag)
        : TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously), IGroupCommitItem
    {
        public GrainStateKey Key { get; } = key;

        public byte[] Json { get; } = json;

        public long? ExpectedEtag { get; } = expectedEtag;

        public void Fail(Exception error) => TrySetException(error);
    }
}
