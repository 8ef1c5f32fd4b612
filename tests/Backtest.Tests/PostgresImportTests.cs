using CustomerSuccess.Actors;
using CustomerSuccess.Backtest.History;
using CustomerSuccess.Backtest.Import;
using CustomerSuccess.Backtest.Profiles;
using CustomerSuccess.Backtest.Tests.Support;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSuccess.Backtest.Tests;

/// <summary>Import into an engine in PostgreSQL mode (a throwaway server): the history is in the log and survives a restart.</summary>
public sealed class PostgresImportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset HistoryEnd = new(2026, 4, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly HistoryFolder _folder = new();
    private PostgresServer _server = null!;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task An_imported_history_is_committed_to_the_log_and_its_tasks_come_back_after_a_restart()
    {
        var connectionString = await _server.CreateDatabaseAsync("import");
        var history = _folder.Generate(customers: 12, seed: 21, HistoryEnd);
        var now = HistoryEnd + TimeSpan.FromDays(1);
        ImportResult result;
        await using (var engine = new LiveEngine(now) { PostgresConnectionString = connectionString })
        {
            using var http = engine.ClientFor(LiveEngine.IngestKey);
            using var reader = HistoryFiles.Open(_folder.File("history.jsonl"));
            result = await new HistoryImporter(http, new ImportOptions { BatchSize = 250 })
                .ImportAsync(reader, ProfileFile.Read(_folder.File("profiles.jsonl")));
        }

        Assert.Equal(history.Events.Count, result.Accepted);
        Assert.Equal(history.Events.Count, await DatabaseCounts.RowsAsync(connectionString, "events"));

        // A second engine over the same database: the repeat-contact customer's task, dated in the history.
        await using var restarted = new LiveEngine(now) { PostgresConnectionString = connectionString };
        using var csm = restarted.ClientFor(LiveEngine.CsmKey);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await csm.GetAsync("/healthz")).StatusCode);
        var grain = restarted.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>("sim-000004");
        var task = Assert.Single(await grain.GetTasksAsync(), t => t.Rule == RuleId.UnresolvedEffort && t.IsLive);
        Assert.True(task.CreatedAt < HistoryEnd, $"created {task.CreatedAt:u}");
        Assert.Equal(history.Customers.Single(c => c.Id == "sim-000004").Profile.OwnerId, task.OwnerId);
    }
}
