using CustomerSuccess.Grains.Domain.Tasks;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace CustomerSuccess.Silo.Storage.Postgres;

/// <summary>
/// The tasks table: every CSM's list. Changes from all customers are group-committed into one upsert
/// per flush; a row only moves forward in time (an update older than the stored one is ignored), and
/// a row that would not change is not rewritten, so replays and the re-sync of every activated
/// customer cost a look-up and a row lock each, not a new row version with three index entries. A row
/// carries its owner, so a customer moving to another owner moves its rows by upserting them (the
/// reassigned task keeps its update time, so an equal time with different data also wins).
/// A re-sync (every activation sends all its tasks, which are nearly always current) reads the stored
/// rows first and writes only those that differ: the upsert would otherwise lock, and log the lock
/// of, every unchanged row, which made re-syncs the largest cost of a replay at restart.
/// </summary>
public sealed class PostgresTaskProjection : ITaskProjection, IAsyncDisposable
{
    private const int MaxBatch = 500;

    // Two flushes in flight: every ingested batch waits for its customers' task writes, and with one
    // flush at a time the next could not start before the last had committed (docs/BENCHMARKS.md,
    // issue 4). They may commit in either order. That is safe because a customer awaits each task
    // write before it sends the next, so two flushes carry the same task only as a re-sync and the
    // change it already holds (the same data); a row only moves forward in time either way; and rows
    // go in sorted by task id, so two flushes touching the same rows lock them in the same order.
    private const int FlushesInFlight = 2;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitQueue<PendingTasks> _queue;

    public PostgresTaskProjection(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _queue = new GroupCommitQueue<PendingTasks>((batch, cancellationToken) => Task.FromResult(FlushAsync(batch, cancellationToken)), FlushesInFlight, MaxBatch);
    }

    public Task UpsertAsync(IReadOnlyList<OutreachTask> tasks)
    {
        if (tasks.Count == 0)
        {
            return Task.CompletedTask;
        }

        return Enqueue(tasks, sync: false);
    }

    private Task Enqueue(IReadOnlyList<OutreachTask> tasks, bool sync)
    {
        var pending = new PendingTasks(tasks, sync);
        _queue.Enqueue(pending);
        return pending.Task;
    }

    // The customer's closed tasks come along, so a row whose closing was lost (its flush failed while
    // the customer went on) is closed here; rows already current are not rewritten.
    public Task SyncCustomerAsync(string customerId, string? ownerId, IReadOnlyList<OutreachTask> tasks) =>
        tasks.Count == 0 ? Task.CompletedTask : Enqueue(tasks, sync: true);

    // Every upsert is committed before its task completes.
    public bool KeepsEveryCompletedWrite => true;

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task FlushAsync(List<PendingTasks> batch, CancellationToken cancellationToken)
    {
        // The newest version of each task in the flush; one statement may not touch a row twice.
        var latest = new Dictionary<string, (OutreachTask Task, bool FromSync)>(StringComparer.Ordinal);
        foreach (var pending in batch)
        {
            foreach (var task in pending.Tasks)
            {
                if (!latest.TryGetValue(task.Id, out var known) || known.Task.UpdatedAt <= task.UpdatedAt)
                {
                    latest[task.Id] = (task, pending.Sync);
                }
            }
        }

        var rows = new List<Row>(latest.Count);
        var resent = 0;
        foreach (var (task, fromSync) in latest.Values)
        {
            rows.Add(new Row(task, StoredTaskJson.Serialize(task), fromSync));
            resent += fromSync ? 1 : 0;
        }

        if (resent > 0)
        {
            await DropCurrentResyncsAsync(rows, resent, cancellationToken);
        }

        if (rows.Count > 0)
        {
            rows.Sort(static (a, b) => string.CompareOrdinal(a.Task.Id, b.Task.Id));
            await WriteAsync(rows, cancellationToken);
        }

        foreach (var pending in batch)
        {
            pending.TrySetResult();
        }
    }

    // A re-sent task whose stored row holds exactly its data is current: it is not written.
    private async Task DropCurrentResyncsAsync(List<Row> rows, int resent, CancellationToken cancellationToken)
    {
        var ids = new string[resent];
        var i = 0;
        foreach (var row in rows)
        {
            if (row.FromSync)
            {
                ids[i++] = row.Task.Id;
            }
        }

        // By the primary key whatever plan is cached (KeyLookupPlan): every activation with tasks re-syncs,
        // and a plan cached on a young table scanned the whole table for each flush of them.
        var read = new NpgsqlBatchCommand("SELECT task_id, data FROM tasks WHERE task_id = ANY($1)");
        read.Parameters.Add(Array(ids, NpgsqlDbType.Text));
        var stored = new Dictionary<string, byte[]>(resent, StringComparer.Ordinal);
        await KeyLookupPlan.ReadAsync(_dataSource, read, reader => stored[reader.GetString(0)] = reader.GetFieldValue<byte[]>(1), cancellationToken);

        rows.RemoveAll(row => row.FromSync
            && stored.TryGetValue(row.Task.Id, out var current)
            && current.AsSpan().SequenceEqual(row.Data));
    }

    private async Task WriteAsync(List<Row> rows, CancellationToken cancellationToken)
    {
        var count = rows.Count;
        var ids = new string[count];
        var customers = new string[count];
        var owners = new string[count];
        var rules = new string[count];
        var priorities = new int[count];
        var states = new string[count];
        var created = new DateTimeOffset[count];
        var due = new DateTimeOffset[count];
        var updated = new DateTimeOffset[count];
        var data = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var task = rows[i].Task;
            ids[i] = task.Id;
            customers[i] = task.CustomerId;
            owners[i] = task.OwnerId ?? ITaskBoardGrain.Unassigned;
            rules[i] = task.Rule.ToString();
            priorities[i] = task.Priority;
            states[i] = task.State.ToString();
            created[i] = task.CreatedAt;
            due[i] = task.DueAt;
            updated[i] = task.UpdatedAt;
            data[i] = rows[i].Data;
        }

        await using var command = _dataSource.CreateCommand("""
            INSERT INTO tasks (task_id, customer_id, owner_id, rule, priority, state, created_at, due_at, updated_at, data)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::bytea[])
            ON CONFLICT (task_id) DO UPDATE SET
                owner_id = excluded.owner_id, priority = excluded.priority, state = excluded.state,
                due_at = excluded.due_at, updated_at = excluded.updated_at, data = excluded.data
            WHERE tasks.updated_at < excluded.updated_at
               OR (tasks.updated_at = excluded.updated_at AND tasks.data IS DISTINCT FROM excluded.data)
            """);
        command.Parameters.Add(Array(ids, NpgsqlDbType.Text));
        command.Parameters.Add(Array(customers, NpgsqlDbType.Text));
        command.Parameters.Add(Array(owners, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rules, NpgsqlDbType.Text));
        command.Parameters.Add(Array(priorities, NpgsqlDbType.Integer));
        command.Parameters.Add(Array(states, NpgsqlDbType.Text));
        command.Parameters.Add(Array(created, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Array(due, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Array(updated, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Array(data, NpgsqlDbType.Bytea));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter<T[]> Array<T>(T[] values, NpgsqlDbType type) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | type };

    /// <summary>A task to write, serialised, and whether only a re-sync sent it.</summary>
    private readonly record struct Row(OutreachTask Task, byte[] Data, bool FromSync);

    private sealed class PendingTasks(IReadOnlyList<OutreachTask> tasks, bool sync)
        : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), IGroupCommitItem
    {
        public IReadOnlyList<OutreachTask> Tasks { get; } = tasks;

        /// <summary>A re-sync: nearly always current, so checked against the stored rows first.</summary>
        public bool Sync { get; } = sync;

        public void Fail(Exception error) => TrySetException(error);
    }
}
