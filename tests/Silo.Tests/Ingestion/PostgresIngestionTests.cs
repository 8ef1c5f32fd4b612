using System.Text.Json;
using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Time;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.Checkpoints;
using CustomerSuccess.Silo.EventLog;
using CustomerSuccess.Silo.Hosting;
using CustomerSuccess.Silo.Ingestion;
using CustomerSuccess.Silo.Tests.Postgres;
using CustomerSuccess.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CustomerSuccess.Silo.Tests.Ingestion;

[Collection("postgres")]
public sealed class PostgresIngestionTests(PostgresFixture postgres)
{
    private static async Task<string> CustomerViewAsync(SiloHosts.Host host, string customerId)
    {
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(customerId);
        var view = new
        {
            Health = await grain.GetHealthAsync(),
            Issues = await grain.GetOpenIssuesAsync(),
            Tasks = await grain.GetTasksAsync(),
            Timeline = await grain.GetTimelineAsync(0, 50),
        };
        return JsonSerializer.Serialize(view);
    }

    [Fact]
    public async Task The_same_batch_sent_twice_and_overlapping_batches_are_stored_once()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var host = await SiloHosts.StartAsync(connectionString);
        var ingestor = host.Services.GetRequiredService<IEventIngestor>();
        var history = SiloHosts.History(5, DateTimeOffset.UtcNow);

        var first = await ingestor.IngestAsync(history.Take(30).ToList(), default);
        var again = await ingestor.IngestAsync(history.Take(30).ToList(), default);
        var overlap = await ingestor.IngestAsync(history.Skip(20).ToList(), default);

        Assert.Equal((30, 0), (first.Accepted, first.Duplicates));
        Assert.Equal((0, 30), (again.Accepted, again.Duplicates));
        Assert.Equal((history.Count - 30, 10), (overlap.Accepted, overlap.Duplicates));
        Assert.Equal(history.Count, await DatabaseCounts.RowsAsync(connectionString, "events"));
        await host.StopAsync();
    }

    [Fact]
    public async Task Concurrent_batches_are_group_committed_and_each_event_lands_once()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var host = await SiloHosts.StartAsync(connectionString);
        var ingestor = host.Services.GetRequiredService<IEventIngestor>();
        var history = SiloHosts.History(60, DateTimeOffset.UtcNow);
        var batches = history.Chunk(37).ToArray();

        var results = await Task.WhenAll(batches.Concat(batches.Take(5)).Select(b => ingestor.IngestAsync(b, default)));

        Assert.Equal(history.Count, results.Sum(r => r.Accepted));
        Assert.Equal(batches.Take(5).Sum(b => b.Length), results.Sum(r => r.Duplicates));
        Assert.Equal(history.Count, await DatabaseCounts.RowsAsync(connectionString, "events"));
        await host.StopAsync();
    }

    [Fact]
    public async Task Events_committed_but_not_applied_before_a_crash_are_replayed_at_the_next_start()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        // One frozen clock for every host: the views include evaluation times and ages.
        var now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var clock = new VirtualClock(now);
        var history = SiloHosts.History(8, now);
        var half = history.Count / 2;

        // First run: half the history is ingested normally.
        var first = await SiloHosts.StartAsync(connectionString, clock);
        await first.Services.GetRequiredService<IEventIngestor>().IngestAsync(history.Take(half).ToList(), default);
        await first.StopAsync();
        await first.DisposeAsync();

        // The process died right after committing the rest: in the log, never applied.
        await using (var db = NpgsqlDataSource.Create(connectionString))
        {
            var log = new PostgresEventLog(db);
            await log.AppendAsync(history.Skip(half).Select(e =>
                new LogEvent(e.Id, e.CustomerId, CustomerPartitioner.PartitionOf(e.CustomerId), e.OccurredAt, EventPayload.Serialize(e))).ToList(), default);
        }

        await using var recovered = await SiloHosts.StartAsync(connectionString, clock);
        await using var fresh = await SiloHosts.StartAsync(postgres: null, clock);
        await fresh.Services.GetRequiredService<IEventIngestor>().IngestAsync(history, default);

        foreach (var customer in history.Select(e => e.CustomerId).Distinct())
        {
            Assert.Equal(await CustomerViewAsync(fresh, customer), await CustomerViewAsync(recovered, customer));
        }

        // The replayed customers are written by the next checkpoint, and only then does the stored watermark move.
        var stored = recovered.Services.GetRequiredService<ILogCheckpoint>();
        Assert.Equal(half, await stored.ReadAsync(default));
        Assert.True(await recovered.Services.GetRequiredService<LogCheckpointer>().CheckpointAsync(default));
        Assert.Equal(history.Count, await stored.ReadAsync(default));
        await recovered.StopAsync();
        await fresh.StopAsync();
    }

    [Fact]
    public async Task A_graceful_restart_keeps_every_customer_and_replays_nothing()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        var now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var clock = new VirtualClock(now);
        var history = SiloHosts.History(6, now);
        var first = await SiloHosts.StartAsync(connectionString, clock);
        await first.Services.GetRequiredService<IEventIngestor>().IngestAsync(history, default);
        var before = new Dictionary<string, string>();
        foreach (var customer in history.Select(e => e.CustomerId).Distinct())
        {
            before[customer] = await CustomerViewAsync(first, customer);
            }

        await first.StopAsync();
        await first.DisposeAsync();
        await using var second = await SiloHosts.StartAsync(connectionString, clock);

        foreach (var (customer, view) in before)
        {
            var after = await CustomerViewAsync(second, customer);
            Assert.Equal(view, after);
        }

        await second.StopAsync();
    }
}
