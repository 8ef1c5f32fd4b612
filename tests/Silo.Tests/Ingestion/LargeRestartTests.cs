using System.Text.Json;
using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Actors.Time;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Silo.Ingestion;
using CustomerSuccess.Silo.Tests.Postgres;
using CustomerSuccess.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSuccess.Silo.Tests.Ingestion;

[Collection("postgres")]
public sealed class LargeRestartTests(PostgresFixture postgres)
{
    private const int Customers = 100_000;

    [Fact]
    public async Task After_a_restart_with_100000_customers_state_tasks_wake_ups_and_portfolio_figures_come_back()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("large");
        var now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var clock = new VirtualClock(now);
        var events = new List<TouchpointEvent>(Customers);
        for (var c = 0; c < Customers; c++)
        {
            // A quarter complained in public half an hour ago (a deadline still ahead), the rest answered a survey.
            events.Add(c % 4 == 0
                ? new TouchpointEvent($"e{c}", $"c{c}", TouchpointType.SocialMention, now.AddMinutes(-30), Channel.Social, Sentiment: -0.8, Public: true, Reach: 1_000 + c)
                : new TouchpointEvent($"e{c}", $"c{c}", TouchpointType.SurveyNps, now.AddMinutes(-30), Channel.Survey, Score: c % 11));
        }

        var first = await SiloHosts.StartAsync(connectionString, clock);
        var ingestor = first.Services.GetRequiredService<IEventIngestor>();
        var batches = events.Chunk(1_000).ToArray();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Length)
            {
                await ingestor.IngestAsync(batches[i], default);
            }
        })));

        var sample = Enumerable.Range(0, 200).Select(i => $"c{i * 499}").ToArray();
        var snapshotBefore = await SnapshotAsync(first);
        var viewsBefore = await ViewsAsync(first, sample);
        var wakeUpsBefore = await DatabaseCounts.RowsAsync(connectionString, "wake_ups");
        Assert.Equal(Customers / 4, wakeUpsBefore);
        await first.StopAsync();
        await first.DisposeAsync();

        await using var second = await SiloHosts.StartAsync(connectionString, clock);

        Assert.Equal(snapshotBefore, await SnapshotAsync(second));
        Assert.Equal(viewsBefore, await ViewsAsync(second, sample));
        Assert.Equal(wakeUpsBefore, await DatabaseCounts.RowsAsync(connectionString, "wake_ups"));

        // The deadlines kept in PostgreSQL fire in the new process: every public complaint becomes a task.
        var silo = second.Services.GetRequiredService<SiloRuntime>();
        clock.AdvanceTo(now.AddMinutes(31));
        await silo.WhenIdleAsync();
        while (await DatabaseCounts.RowsAsync(connectionString, "wake_ups") > 0 && silo.WakeUpsDelivered < Customers / 4)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await silo.WhenIdleAsync();
        }

        var complaints = await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IPortfolioGrain>("all").GetSnapshotAsync();
        Assert.Equal(Customers / 4, complaints.OpenTasksByRule.GetValueOrDefault(RuleId.PublicComplaint));
        await second.StopAsync();
    }

    private static async Task<string> SnapshotAsync(SiloHosts.Host host)
    {
        var snapshot = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPortfolioGrain>("all").GetSnapshotAsync();
        return JsonSerializer.Serialize(snapshot with { At = default });
    }

    private static async Task<string> ViewsAsync(SiloHosts.Host host, string[] customers)
    {
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var views = new List<object>();
        foreach (var id in customers)
        {
            var grain = grains.GetGrain<ICustomerGrain>(id);
            views.Add(new { Health = await grain.GetHealthAsync(), Tasks = await grain.GetTasksAsync() });
        }

        return JsonSerializer.Serialize(views);
    }
}
