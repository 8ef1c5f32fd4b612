using System.Text.Json;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using Npgsql;
using NpgsqlTypes;

namespace CustomerSuccess.Silo.Portfolio;

/// <summary>
/// PostgreSQL mode: one row per day and scope in portfolio_daily, so trends survive restarts. A scope
/// without a segment or a CSM stores '' for it (the API takes an empty filter for none).
/// </summary>
public sealed class PostgresPortfolioHistory(NpgsqlDataSource dataSource) : IPortfolioHistory
{
    public async Task RecordAsync(DateOnly day, IReadOnlyList<PortfolioSnapshot> snapshots, CancellationToken cancellationToken)
    {
        var segments = new string[snapshots.Count];
        var owners = new string[snapshots.Count];
        var data = new byte[snapshots.Count][];
        for (var i = 0; i < snapshots.Count; i++)
        {
            segments[i] = snapshots[i].Segment ?? "";
            owners[i] = snapshots[i].OwnerId ?? "";
            data[i] = JsonSerializer.SerializeToUtf8Bytes(snapshots[i], JsonSerializerOptions.Web);
        }

        // The day's scopes are replaced together: a retry after a failure, or a second recording of
        // the day, leaves no point of a scope the day no longer has; days beyond the kept range go.
        // Recordings take turns (two engines on one database each record every midnight): the second
        // replaces the first whole rather than meeting its uncommitted rows.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtext('portfolio_daily'))"),
                new NpgsqlBatchCommand("DELETE FROM portfolio_daily WHERE day = $1 OR day <= $2")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<DateOnly> { TypedValue = day },
                        new NpgsqlParameter<DateOnly> { TypedValue = day.AddDays(-IPortfolioHistory.MaxDays) },
                    },
                },
                new NpgsqlBatchCommand("""
                    INSERT INTO portfolio_daily (day, segment, owner_id, snapshot)
                    SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bytea[])
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<DateOnly> { TypedValue = day },
                        new NpgsqlParameter<string[]> { TypedValue = segments, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                        new NpgsqlParameter<string[]> { TypedValue = owners, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                        new NpgsqlParameter<byte[][]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(DateOnly Day, PortfolioSnapshot Snapshot)>> BetweenAsync(DateOnly from, DateOnly to, PortfolioScope scope, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT day, snapshot FROM portfolio_daily WHERE day BETWEEN $1 AND $2 AND segment = $3 AND owner_id = $4 ORDER BY day");
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = to });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope.Segment ?? "" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope.OwnerId ?? "" });
        var days = new List<(DateOnly, PortfolioSnapshot)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add((reader.GetFieldValue<DateOnly>(0), JsonSerializer.Deserialize<PortfolioSnapshot>(reader.GetFieldValue<byte[]>(1), JsonSerializerOptions.Web)!));
        }

        return days;
    }
}
