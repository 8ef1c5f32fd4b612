using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Silo.Storage.Postgres;
using Npgsql;

namespace CustomerSuccess.Silo.Tests.Postgres;

[Collection("postgres")]
public sealed class PostgresTaskProjectionTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static OutreachTask Task(string customer, RuleId rule, TaskState state = TaskState.Open, int minutes = 0, params string[] evidence) =>
        new($"{customer}:{rule}:1", customer, "csm-1", rule, 2, "title", "reason", evidence, "action",
            Now, Now.AddHours(4), state, Now.AddMinutes(minutes));

    [Fact]
    public async Task A_resync_of_current_tasks_neither_writes_nor_locks_their_rows_and_writes_only_what_differs()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var projection = new PostgresTaskProjection(db);
        var effort = Task("c-1", RuleId.UnresolvedEffort, evidence: "e-1");
        var reply = Task("c-1", RuleId.AwaitingReply, evidence: "e-2");
        await projection.UpsertAsync([effort, reply]);
        var before = await RowVersionsAsync(db);

        // The activation re-sends both; one of them has moved on (its closing was lost), one has not.
        var closed = reply with { State = TaskState.AutoClosed, UpdatedAt = Now.AddMinutes(5) };
        await projection.SyncCustomerAsync("c-1", "csm-1", [effort, closed]);

        var after = await RowVersionsAsync(db);
        Assert.Equal(before[effort.Id], after[effort.Id]);
        Assert.Equal("0", after[effort.Id].Xmax);
        Assert.NotEqual(before[reply.Id].Xmin, after[reply.Id].Xmin);
        Assert.Equal("AutoClosed", after[reply.Id].State);
    }

    [Fact]
    public async Task A_resync_restores_a_row_that_is_missing_and_never_overwrites_a_newer_one()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var projection = new PostgresTaskProjection(db);
        var newer = Task("c-2", RuleId.Detractor, minutes: 10, evidence: "e-9");
        await projection.UpsertAsync([newer]);
        var missing = Task("c-2", RuleId.HealthDrop, evidence: "e-3");

        await projection.SyncCustomerAsync("c-2", "csm-1", [newer with { State = TaskState.Dismissed, UpdatedAt = Now }, missing]);

        var rows = await RowVersionsAsync(db);
        Assert.Equal("Open", rows[newer.Id].State);
        Assert.Equal("Open", rows[missing.Id].State);
    }

    [Fact]
    public async Task Flushes_in_flight_together_that_share_tasks_in_opposite_orders_all_complete_and_keep_the_newest_versions()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var projection = new PostgresTaskProjection(db);
        var tasks = Enumerable.Range(0, 200).Select(i => Task($"c-{i:D3}", RuleId.Detractor)).ToArray();
        await projection.UpsertAsync(tasks);

        // Each round sends every task twice, newer the second time and in the opposite order. The
        // second call lands in the next flush while the first is still in flight; rows going in
        // in the order given would then lock them in opposite orders (40P01, deadlock detected).
        for (var round = 1; round <= 30; round++)
        {
            var forward = tasks.Select(t => t with { UpdatedAt = Now.AddMinutes(2 * round - 1), Reason = $"round {round}, first" }).ToArray();
            var backward = tasks.Reverse().Select(t => t with { UpdatedAt = Now.AddMinutes(2 * round), Reason = $"round {round}, second" }).ToArray();
            var first = projection.UpsertAsync(forward);
            await System.Threading.Tasks.Task.Delay(1); // lets the first flush start on its own
            await System.Threading.Tasks.Task.WhenAll(first, projection.UpsertAsync(backward));
        }

        await using var command = db.CreateCommand("SELECT count(*) FROM tasks WHERE updated_at = $1");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = Now.AddMinutes(60) });
        Assert.Equal(200L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Resyncs_read_the_stored_rows_by_the_primary_key_when_the_table_has_grown_since_they_were_planned()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var engine = TableReads.OneEngineConnection(db);
        await using var projection = new PostgresTaskProjection(engine);
        async Task ResyncEightAsync()
        {
            for (var round = 0; round < 8; round++)
            {
                await projection.SyncCustomerAsync($"c-{round}", "csm-1", [Task($"c-{round}", RuleId.Detractor)]);
            }
        }

        // Planned on a thousand rows: the read of what a re-sync sends. Sent again on 20,000, the tasks
        // are current: read, found equal, not written.
        var reads = await TableReads.AfterGrowthAsync(engine, db, "tasks",
            onYoungTable: async () =>
            {
                await GrowAsync(db, 1, 1_000);
                await ResyncEightAsync();
            },
            grow: () => GrowAsync(db, 1_001, 20_000),
            onGrownTable: ResyncEightAsync);

        Assert.Equal(0, reads.SequentialScans);
        // Eight re-syncs of one current task each: a look-up per task, not a pass over 20,000 rows.
        Assert.InRange(reads.IndexFetches, 0, 1_000);
        Assert.Equal(20_008, (await RowVersionsAsync(db)).Count);
    }

    private static async Task GrowAsync(NpgsqlDataSource db, int from, int to)
    {
        await using var grow = db.CreateCommand("""
            INSERT INTO tasks (task_id, customer_id, owner_id, rule, priority, state, created_at, due_at, updated_at, data)
            SELECT 'bulk-' || i || ':Detractor:1', 'bulk-' || i, 'csm-1', 'Detractor', 2, 'Open', $1, $1, $1, convert_to('{}', 'UTF8')
            FROM generate_series($2, $3) i
            """);
        grow.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = Now });
        grow.Parameters.Add(new NpgsqlParameter<int> { TypedValue = from });
        grow.Parameters.Add(new NpgsqlParameter<int> { TypedValue = to });
        await grow.ExecuteNonQueryAsync();
    }

    private static async Task<Dictionary<string, (string Xmin, string Xmax, string State)>> RowVersionsAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT task_id, xmin::text, xmax::text, state FROM tasks");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, (string, string, string)>();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }

        return rows;
    }
}
