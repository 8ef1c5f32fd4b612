using System.Text.Json;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using Npgsql;

namespace CustomerSuccess.Silo.Portfolio;

/// <summary>PostgreSQL mode: one row per day in portfolio_daily, so trends survive restarts.</summary>
public sealed class PostgresPortfolioHistory(NpgsqlDataSource dataSource) : IPortfolioHistory
{
    public async Task RecordAsync(DateOnly day, PortfolioSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO portfolio_daily (day, snapshot) VALUES ($1, $2)
            ON CONFLICT (day) DO UPDATE SET snapshot = excluded.snapshot, recorded_at = now()
            """);
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = day });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = JsonSerializer.SerializeToUtf8Bytes(snapshot, JsonSerializerOptions.Web) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(DateOnly Day, PortfolioSnapshot Snapshot)>> BetweenAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT day, snapshot FROM portfolio_daily WHERE day BETWEEN $1 AND $2 ORDER BY day");
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = to });
        var days = new List<(DateOnly, PortfolioSnapshot)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add((reader.GetFieldValue<DateOnly>(0), JsonSerializer.Deserialize<PortfolioSnapshot>(reader.GetFieldValue<byte[]>(1), JsonSerializerOptions.Web)!));
        }

        return days;
    }
}
