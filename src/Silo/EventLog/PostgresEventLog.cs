using Npgsql;
using NpgsqlTypes;

namespace CustomerSuccess.Silo.EventLog;

/// <summary>
/// The event log in PostgreSQL. A batch is one INSERT … SELECT FROM unnest(…) ON CONFLICT DO
/// NOTHING RETURNING: one round trip, duplicates (by event id, also within the batch) skipped,
/// committed before the caller hears back. Positions come from the log's identity sequence, taken
/// before the INSERT, so two appends in flight on two connections keep the order they were reserved in.
/// </summary>
public sealed class PostgresEventLog(NpgsqlDataSource dataSource) : IEventLog
{
    // One reservation at a time, so each is above every earlier one handed out by this log.
    private readonly SemaphoreSlim _reserving = new(1, 1);

    // Exactly as many as asked: positions stay as dense as the identity column kept them (only
    // duplicates and failed appends leave gaps), so position differences still count events, which
    // the checkpoints' "every so many events" relies on. nextval only grows and is never rolled back,
    // so the values are above every earlier reservation's, also when another process takes positions
    // from the same sequence meanwhile (its values interleave with these).
    public async ValueTask<long[]> ReservePositionsAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return [];
        }

        var positions = new long[count];
        await _reserving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = dataSource.CreateCommand("""
                WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('events', 'position')::regclass AS sequence)
                SELECT nextval(s.sequence) FROM s, generate_series(1, $1)
                """);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
            var taken = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (taken < count && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                positions[taken++] = reader.GetInt64(0);
            }

            if (taken != count)
            {
                throw new InvalidOperationException($"The log's sequence handed out {taken} positions, not {count}.");
            }
        }
        finally
        {
            _reserving.Release();
        }

        Array.Sort(positions);
        return positions;
    }

    public async Task<AppendResult> AppendAsync(IReadOnlyList<LogEvent> events, long[] positions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Length != events.Count)
        {
            throw new ArgumentException($"{events.Count} events need as many positions, not {positions.Length}.", nameof(positions));
        }

        // Checked before anything is written: rows committed at positions the batch cannot map back
        // would be in the log without their senders hearing of them.
        for (var i = 1; i < positions.Length; i++)
        {
            if (positions[i] <= positions[i - 1])
            {
                throw new ArgumentException("Positions must be reserved ones, strictly increasing.", nameof(positions));
            }
        }

        if (events.Count == 0)
        {
            return new AppendResult([], 0);
        }

        var ids = new string[events.Count];
        var customers = new string[events.Count];
        var partitions = new int[events.Count];
        var occurred = new DateTimeOffset[events.Count];
        var payloads = new byte[events.Count][];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            ids[i] = e.EventId;
            customers[i] = e.CustomerId;
            partitions[i] = e.Partition;
            occurred[i] = e.OccurredAt;
            payloads[i] = e.Payload;
        }

        // Rows go in sorted by id, and of a repeated id the first in the batch (ordinality) wins. Two
        // appends in flight that share ids then wait for each other's ids in the same order, so they
        // queue behind one another instead of deadlocking (a client resending a batch in another order).
        // The order rows go in does not matter to the log: the positions are the batch's.
        await using var command = dataSource.CreateCommand("""
            INSERT INTO events (position, event_id, customer_id, partition, occurred_at, payload) OVERRIDING SYSTEM VALUE
            SELECT n, i, c, p, o, d FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::timestamptz[], $6::bytea[])
                WITH ORDINALITY AS u(n, i, c, p, o, d, k)
            ORDER BY i COLLATE "C", k
            ON CONFLICT (event_id) DO NOTHING
            RETURNING position
            """);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = positions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = customers, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = partitions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = occurred, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });

        var stored = new bool[events.Count];
        var count = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var index = Array.BinarySearch(positions, reader.GetInt64(0));
                if (index < 0)
                {
                    throw new InvalidOperationException($"The log stored a row at position {reader.GetInt64(0)}, which this batch did not reserve.");
                }

                stored[index] = true;
                count++;
            }
        }

        // Positions increase with the batch's order, so this is the log's order.
        var appended = new List<AppendedEvent>(count);
        for (var i = 0; i < stored.Length; i++)
        {
            if (stored[i])
            {
                appended.Add(new AppendedEvent(positions[i], events[i]));
            }
        }

        return new AppendResult(appended, events.Count - count);
    }

    public async Task<IReadOnlyList<AppendedEvent>> ReadAsync(long afterPosition, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT position, event_id, customer_id, partition, occurred_at, payload
            FROM events WHERE position > $1 ORDER BY position LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterPosition });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var result = new List<AppendedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new AppendedEvent(
                reader.GetInt64(0),
                new LogEvent(reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<byte[]>(5))));
        }

        return result;
    }
}
