using CustomerSuccess.Grains.Domain.Tasks;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Silo.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CustomerSuccess.Silo.Tasks;

/// <summary>PostgreSQL mode: the tasks table, across owners or for one, through its (owner, state, priority, due) index.</summary>
public sealed class PostgresTaskList([FromKeyedServices(EngineDataSource.QueriesKey)] NpgsqlDataSource dataSource) : ITaskList
{
    public bool RequiresOwner => false;

    public async Task<IReadOnlyList<OutreachTask>> ListAsync(TaskListQuery query, CancellationToken cancellationToken)
    {
        // The table keeps microseconds: compare the cursor at that precision so its own row is excluded.
        var after = query.After;
        var afterDue = after is { } a ? new DateTimeOffset(a.DueAt.UtcTicks - (a.DueAt.UtcTicks % 10), TimeSpan.Zero) : default;
        await using var command = dataSource.CreateCommand("""
            SELECT data FROM tasks
            WHERE state = ANY($1)
              AND ($2::text IS NULL OR owner_id = $2)
              AND ($3::text IS NULL OR rule = $3)
              AND ($4::int IS NULL OR (priority, due_at, task_id) > ($4, $5, $6 COLLATE "C"))
            ORDER BY priority, due_at, task_id COLLATE "C"
            LIMIT $7
            """);
        string[] states = query.State is { } state ? [state.ToString()] : [nameof(TaskState.Open), nameof(TaskState.Snoozed)];
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = states });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.OwnerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Rule?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = after is { } k1 ? k1.Priority : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = afterDue });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after?.Id ?? string.Empty });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Take });
        var tasks = new List<OutreachTask>(query.Take);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tasks.Add(StoredTaskJson.Deserialize(reader.GetFieldValue<byte[]>(0)));
        }

        return tasks;
    }
}
