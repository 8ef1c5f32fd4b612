using Npgsql;
using NpgsqlTypes;

namespace CustomerSuccess.Silo.EventLog;

/// <summary>
/// The event log in PostgreSQL. A batch is one INSERT … SELECT FROM unnest(…) ON CONFLICT DO
/// NOTHING RETURNING: one round trip, duplicates (by event id, also within the batch) skipped,
/// committed before the caller hears back.
/// </summary>
public sealed class PostgresEventLog(NpgsqlDataSource dataSource) : IEventLog
{
    public async Task<AppendResult> AppendAsync(IReadOnlyList<LogEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return new AppendResult([], 0);
        }

        var ids = new string[events.Count];
        var customers = new string[events.Count];
        var partitions = new int[events.Count];
        var occurred = new DateTimeOffset[events.Count];
        var payloads = new byte[events.Count][];
        var byId = new Dictionary<string, LogEvent>(events.Count, StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            ids[i] = e.EventId;
            customers[i] = e.CustomerId;
            partitions[i] = e.Partition;
            occurred[i] = e.OccurredAt;
            payloads[i] = e.Payload;
            byId.TryAdd(e.EventId, e);
        }

        // ORDER BY ordinality keeps the batch's order in the log (positions follow the batch).
        await using var command = dataSource.CreateCommand("""
            INSERT INTO events (event_id, customer_id, partition, occurred_at, payload)
            SELECT i, c, p, o, d FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::bytea[])
                WITH ORDINALITY AS u(i, c, p, o, d, n)
            ORDER BY n
            ON CONFLICT (event_id) DO NOTHING
            RETURNING position, event_id
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = customers, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = partitions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = occurred, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });

        var appended = new List<AppendedEvent>(events.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                appended.Add(new AppendedEvent(reader.GetInt64(0), byId[reader.GetString(1)]));
            }
        }

        appended.Sort(static (a, b) => a.Position.CompareTo(b.Position));
        return new AppendResult(appended, events.Count - appended.Count);
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
