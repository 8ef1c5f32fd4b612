using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Actors.Time;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Silo.Ingestion;
using CustomerSuccess.Silo.Tests.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CustomerSuccess.Silo.Tests.Ingestion;

[Collection("postgres")]
public sealed class TaskTableTests(PostgresFixture postgres)
{
    private static async Task<Dictionary<string, (string Owner, string State)>> TableAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand("SELECT task_id, owner_id, state FROM tasks");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, (string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), (reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    private static async Task<Dictionary<string, (string Owner, string State)>> GrainTasksAsync(SiloHosts.Host host, IEnumerable<string> customers)
    {
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var tasks = new Dictionary<string, (string, string)>();
        foreach (var customer in customers)
        {
            foreach (var task in await grains.GetGrain<ICustomerGrain>(customer).GetTasksAsync())
            {
                tasks.Add(task.Id, (task.OwnerId ?? ITaskBoardGrain.Unassigned, task.State.ToString()));
            }
        }

        return tasks;
    }

    [Fact]
    public async Task Every_task_lands_once_in_the_tasks_table_and_follows_its_state_through_replays_and_restarts()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("tasks");
        var now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var clock = new VirtualClock(now);
        var history = SiloHosts.History(24, now);
        var customers = history.Select(e => e.CustomerId).Distinct().ToArray();

        var first = await SiloHosts.StartAsync(connectionString, clock);
        await first.Services.GetRequiredService<IEventIngestor>().IngestAsync(history, default);
        await first.Services.GetRequiredService<SiloRuntime>().WhenIdleAsync();
        var expected = await GrainTasksAsync(first, customers);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await TableAsync(connectionString));

        // A task worked by the CSM: the table follows.
        var worked = expected.First(t => t.Value.State == nameof(TaskState.Open)).Key;
        var customer = worked[..worked.IndexOf(':', StringComparison.Ordinal)];
        await first.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(customer).CompleteTaskAsync(worked, "called back", null);
        await first.StopAsync();
        await first.DisposeAsync();

        // The same history again after a restart (duplicates, each customer activated again): no new rows.
        await using var second = await SiloHosts.StartAsync(connectionString, clock);
        await second.Services.GetRequiredService<IEventIngestor>().IngestAsync(history, default);
        var afterRestart = await GrainTasksAsync(second, customers);
        var table = await TableAsync(connectionString);

        Assert.Equal(nameof(TaskState.Done), table[worked].State);
        Assert.Equal(afterRestart, table);
        Assert.Equal(expected.Count, table.Count);
        await second.StopAsync();
    }

    [Fact]
    public async Task A_task_row_whose_closing_was_lost_is_closed_when_its_customer_next_activates()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("lostclose");
        var now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var clock = new VirtualClock(now);
        var history = SiloHosts.History(8, now);
        var customers = history.Select(e => e.CustomerId).Distinct().ToArray();

        var first = await SiloHosts.StartAsync(connectionString, clock);
        await first.Services.GetRequiredService<IEventIngestor>().IngestAsync(history, default);
        var open = (await GrainTasksAsync(first, customers)).First(t => t.Value.State == nameof(TaskState.Open)).Key;
        var customer = open[..open.IndexOf(':', StringComparison.Ordinal)];
        await using var db = NpgsqlDataSource.Create(connectionString);

        // The flush carrying the closing fails: the server refuses it (as it would a write during an
        // outage), so the table still shows the task open while the customer's state has it done.
        await using (var refuse = db.CreateCommand($"""
            CREATE FUNCTION refuse_closing() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.task_id = '{open}' AND NEW.state <> 'Open' THEN RAISE EXCEPTION 'refused'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_closing BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION refuse_closing();
            """))
        {
            await refuse.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => first.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(customer).CompleteTaskAsync(open, "called back", null));
        await first.StopAsync();
        await first.DisposeAsync();
        await using (var allow = db.CreateCommand("DROP TRIGGER refuse_closing ON tasks"))
        {
            await allow.ExecuteNonQueryAsync();
        }

        Assert.Equal(nameof(TaskState.Open), (await TableAsync(connectionString))[open].State);

        await using var second = await SiloHosts.StartAsync(connectionString, clock);
        await second.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(customer).ApplyAsync(
            [new Grains.Interfaces.Events.TouchpointEvent("after-restart", customer, Grains.Interfaces.Events.TouchpointType.Usage, now, Grains.Interfaces.Events.Channel.App)]);
        await second.Services.GetRequiredService<SiloRuntime>().WhenIdleAsync();

        Assert.Equal(nameof(TaskState.Done), (await TableAsync(connectionString))[open].State);
        await second.StopAsync();
    }

    [Fact]
    public async Task The_task_list_across_owners_is_most_urgent_first_and_pages_by_cursor_without_gaps_or_repeats()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("tasklist");
        var now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var clock = new VirtualClock(now);
        var history = SiloHosts.History(30, now);
        var customers = history.Select(e => e.CustomerId).Distinct().ToArray();
        await using var host = await SiloHosts.StartAsync(connectionString, clock);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        for (var i = 0; i < customers.Length; i++)
        {
            await grains.GetGrain<ICustomerGrain>(customers[i]).SetProfileAsync(new CustomerProfile(OwnerId: i % 2 == 0 ? "csm-a" : "csm-b"));
        }

        await host.Services.GetRequiredService<IEventIngestor>().IngestAsync(history, default);
        await host.Services.GetRequiredService<SiloRuntime>().WhenIdleAsync();
        var list = host.Services.GetRequiredService<Tasks.ITaskList>();

        var all = new List<OutreachTask>();
        Tasks.TaskKey? after = null;
        while (true)
        {
            var page = await list.ListAsync(new Tasks.TaskListQuery(null, null, null, after, 7), default);
            all.AddRange(page);
            if (page.Count < 7)
            {
                break;
            }

            after = Tasks.TaskKey.Of(page[^1]);
        }

        var live = (await GrainTasksAsync(host, customers)).Where(t => t.Value.State is nameof(TaskState.Open) or nameof(TaskState.Snoozed)).Select(t => t.Key);
        Assert.Equal(live.Order(StringComparer.Ordinal), all.Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.Equal(all.OrderBy(t => t.Priority).ThenBy(t => t.DueAt).ThenBy(t => t.Id, StringComparer.Ordinal).Select(t => t.Id), all.Select(t => t.Id));
        var ownersLive = (await GrainTasksAsync(host, customers)).Where(t => t.Value.Owner == "csm-a" && t.Value.State is nameof(TaskState.Open) or nameof(TaskState.Snoozed)).Select(t => t.Key);
        var fromTable = await list.ListAsync(new Tasks.TaskListQuery("csm-a", null, null, null, 500), default);
        Assert.NotEmpty(fromTable);
        Assert.Equal(ownersLive.Order(StringComparer.Ordinal), fromTable.Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.All(fromTable, t => Assert.Equal("csm-a", t.OwnerId));
        var detractors = await list.ListAsync(new Tasks.TaskListQuery(null, null, RuleId.Detractor, null, 500), default);
        Assert.NotEmpty(detractors);
        Assert.All(detractors, t => Assert.Equal(RuleId.Detractor, t.Rule));
        await host.StopAsync();
    }
}
