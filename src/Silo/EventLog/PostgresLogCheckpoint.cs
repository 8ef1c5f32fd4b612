using Npgsql;

namespace CustomerSuccess.Silo.EventLog;

public sealed class PostgresLogCheckpoint(NpgsqlDataSource dataSource) : ILogCheckpoint
{
    public async Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT applied_position FROM log_checkpoint WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task WriteAsync(long appliedPosition, CancellationToken cancellationToken)
    {
        // GREATEST: a late writer never moves the watermark back.
        await using var command = dataSource.CreateCommand(
            "UPDATE log_checkpoint SET applied_position = GREATEST(applied_position, $1), updated_at = now() WHERE id = 1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appliedPosition });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
