using Npgsql;
using NpgsqlTypes;

namespace CustomerSuccess.Silo.EventLog;

/// <summary>
/// The event log in PostgreSQL. A batch is one call of <c>append_events</c> (migration 0010): one
/// round trip, duplicates (by event id, also within the batch) skipped, committed before the caller
/// hears back. Positions come from the log's identity sequence, taken
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

        // Rows go in sorted by id (ordinal), and of a repeated id only the first in the batch is sent.
        // Two appends in flight that share ids then wait for each other's ids in the same order, so
        // they queue behind one another instead of deadlocking (a client resending a batch in another
        // order). The order rows go in does not matter to the log: the positions are the batch's.
        var order = SortedById(events);
        var rows = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (k == 0 || !string.Equals(events[order[k]].EventId, events[order[k - 1]].EventId, StringComparison.Ordinal))
            {
                order[rows++] = order[k];
            }
        }

        var sent = new long[rows];
        var ids = new string[rows];
        var customers = new string[rows];
        var partitions = new int[rows];
        var occurred = new DateTimeOffset[rows];
        var payloads = new byte[rows][];
        for (var r = 0; r < rows; r++)
        {
            var e = events[order[r]];
            sent[r] = positions[order[r]];
            ids[r] = e.EventId;
            customers[r] = e.CustomerId;
            partitions[r] = e.Partition;
            occurred[r] = e.OccurredAt;
            payloads[r] = e.Payload;
        }

        await using var command = dataSource.CreateCommand("SELECT append_events($1, $2, $3, $4, $5, $6)");
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = sent, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = customers, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = partitions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = occurred, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });

        // NULL: every row sent was stored. Otherwise the positions of those that were.
        var stored = new bool[events.Count];
        var count = 0;
        if (await command.ExecuteScalarAsync(cancellationToken) is long[] storedPositions)
        {
            foreach (var position in storedPositions)
            {
                var index = Array.BinarySearch(positions, position);
                if (index < 0 || stored[index])
                {
                    throw new InvalidOperationException($"The log stored a row at position {position}, which this batch did not reserve.");
                }

                stored[index] = true;
                count++;
            }
        }
        else
        {
            for (var r = 0; r < rows; r++)
            {
                stored[order[r]] = true;
            }

            count = rows;
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

    // The batch's indexes ordered by event id (ordinal), and by index among equal ids.
    private static int[] SortedById(IReadOnlyList<LogEvent> events)
    {
        var order = new int[events.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byId = string.CompareOrdinal(events[a].EventId, events[b].EventId);
            return byId != 0 ? byId : a.CompareTo(b);
        });
        return order;
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
