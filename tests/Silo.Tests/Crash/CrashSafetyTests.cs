using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.EventLog;
using CustomerSuccess.Silo.Ingestion;
using CustomerSuccess.Silo.Tests.Ingestion;
using CustomerSuccess.Silo.Tests.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CustomerSuccess.Silo.Tests.Crash;

[Collection("postgres")]
public sealed class CrashSafetyTests(PostgresFixture postgres)
{
    private const int Customers = 7_500;

    [Fact]
    public async Task An_engine_killed_mid_ingestion_loses_no_acknowledged_event_and_recovers_every_customer_exactly()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("crash");
        var history = SiloHosts.History(Customers, DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.True(history.Count >= 100_000, $"{history.Count} events");
        var batches = history.Chunk(1_000).ToArray();
        var acknowledged = new ConcurrentBag<string>();

        await using (var engine = await EngineProcess.StartAsync(connectionString))
        {
            using var client = new HttpClient { BaseAddress = engine.Address, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EngineProcess.Key);
            var next = -1;
            var killAfter = batches.Length * 2 / 5;
            var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < batches.Length)
                {
                    try
                    {
                        var response = await client.PostAsJsonAsync("/v1/events", new { events = batches[index].Select(Wire) });
                        if (response.StatusCode != HttpStatusCode.Accepted)
                        {
                            return;
                        }

                        foreach (var e in batches[index])
                        {
                            acknowledged.Add(e.Id);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the engine is gone: unacknowledged, the integrator would retry
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToArray();

            while (Volatile.Read(ref next) < killAfter)
            {
                await Task.Delay(10);
            }

            engine.Kill();
            await Task.WhenAll(senders);
        }

        Assert.NotEmpty(acknowledged);
        Assert.True(acknowledged.Count < history.Count, "the kill came after everything was acknowledged");

        // Every acknowledged event is in the log, exactly once.
        var logged = await LoggedEventIdsAsync(connectionString);
        Assert.Equal(logged.Count, logged.Distinct().Count());
        Assert.Empty(acknowledged.Except(logged));

        // After restart, every customer equals a fresh fold of what the log holds.
        await using var recovered = await SiloHosts.StartAsync(connectionString);
        var inLog = new HashSet<string>(logged);
        var loggedEvents = history.Where(e => inLog.Contains(e.Id)).ToList();
        await using var fresh = await SiloHosts.StartAsync(postgres: null);
        await fresh.Services.GetRequiredService<IEventIngestor>().IngestAsync(loggedEvents, default);
        foreach (var customer in loggedEvents.Select(e => e.CustomerId).Distinct())
        {
            Assert.Equal(await StableViewAsync(fresh, customer), await StableViewAsync(recovered, customer));
        }

        // The integrator retries what was not acknowledged: nothing is duplicated.
        var retried = await recovered.Services.GetRequiredService<IEventIngestor>().IngestAsync(history, default);
        Assert.Equal(history.Count - logged.Count, retried.Accepted);
        Assert.Equal(history.Count, (await LoggedEventIdsAsync(connectionString)).Count);
    }

    private static object Wire(TouchpointEvent e) => new
    {
        id = e.Id,
        customerId = e.CustomerId,
        type = e.Type.ToName(),
        occurredAt = e.OccurredAt.UtcDateTime.ToString("O"),
        channel = e.Channel.ToName(),
        issueId = e.IssueId,
        sentiment = e.Sentiment,
        score = e.Score,
        @public = e.Public,
        reach = e.Reach,
        waitSeconds = e.WaitSeconds,
    };

    private static async Task<List<string>> LoggedEventIdsAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand("SELECT event_id FROM events");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    // What must not depend on when it was computed: the touchpoints, the open issues' effort, the tasks.
    private static async Task<string> StableViewAsync(SiloHosts.Host host, string customerId)
    {
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(customerId);
        var timeline = await grain.GetTimelineAsync(0, 100);
        var issues = await grain.GetOpenIssuesAsync();
        var tasks = await grain.GetTasksAsync();
        return JsonSerializer.Serialize(new
        {
            Timeline = timeline.Entries.Select(t => t.EventId),
            Issues = issues.Select(i => new { i.IssueId, i.Contacts, i.Channels }),
            Tasks = tasks.Select(t => new { t.Id, t.Rule, t.State, t.Priority }),
        });
    }
}
