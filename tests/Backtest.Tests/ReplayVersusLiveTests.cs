using System.Net;
using System.Text.Json;
using CustomerSuccess.Backtest.History;
using CustomerSuccess.Backtest.Profiles;
using CustomerSuccess.Backtest.Replay;
using CustomerSuccess.Backtest.Tests.Support;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSuccess.Backtest.Tests;

/// <summary>A replay raises what the running engine raises when the same events arrive live.</summary>
public sealed class ReplayVersusLiveTests
{
    [Fact]
    public async Task Replay_and_live_ingestion_through_the_api_of_the_same_events_give_the_same_tasks()
    {
        using var folder = new HistoryFolder();
        var history = folder.Generate(customers: 24, seed: 3, end: new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero));
        var (replayed, _) = await Backtests.RunAsync(folder.File("history.jsonl"), folder.File("profiles.jsonl"));

        // Live: the clock moves to each event's time (deadlines firing on the way), the events of that
        // instant are posted as one batch, and a new customer's profile is put right after its first event,
        // as the replay does.
        var events = history.Events;
        var profiles = history.Customers.ToDictionary(c => c.Id, c => c.Profile);
        TaskRecorder recorder = null!;
        await using var live = new LiveEngine(events[0].OccurredAt)
        {
            ReplaceServices = services => services.AddSingleton<ITaskProjection>(provider => recorder = new TaskRecorder(provider.GetRequiredService<TimeProvider>())),
        };
        using var client = live.ClientFor(LiveEngine.IngestKey);
        var seen = new HashSet<string>();
        for (var i = 0; i < events.Count;)
        {
            var at = events[i].OccurredAt;
            var batch = new List<TouchpointEvent>();
            while (i < events.Count && events[i].OccurredAt == at)
            {
                batch.Add(events[i++]);
            }

            await live.AdvanceToAsync(at);
            var body = JsonSerializer.Serialize(new { events = batch.Select(HistoryWriters.ToWire) }, JsonSerializerOptions.Web);
            var posted = await client.PostAsync("/v1/events", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            foreach (var e in batch)
            {
                if (seen.Add(e.CustomerId))
                {
                    var wire = ProfileFile.ToWire(e.CustomerId, profiles[e.CustomerId]);
                    var put = await client.PutAsync($"/v1/customers/{e.CustomerId}", new StringContent(
                        JsonSerializer.Serialize(new { wire.Name, wire.Segment, wire.OwnerId, wire.AnnualValue, wire.RenewalDate }, JsonSerializerOptions.Web),
                        System.Text.Encoding.UTF8, "application/json"));
                    Assert.Equal(HttpStatusCode.OK, put.StatusCode);
                }
            }
        }

        await live.AdvanceToAsync(events[^1].OccurredAt + new ReplayOptions().Tail);
        await live.Silo.WhenIdleAsync();

        var expected = replayed.Tasks.Select(Describe).ToArray();
        var actual = recorder.Snapshot().Select(Describe).ToArray();
        Assert.NotEmpty(expected);
        var onlyReplayed = expected.Except(actual).ToArray();
        var onlyLive = actual.Except(expected).ToArray();
        Assert.True(onlyReplayed.Length == 0 && onlyLive.Length == 0,
            $"only in the replay:\n{string.Join("\n", onlyReplayed)}\nonly live:\n{string.Join("\n", onlyLive)}");
    }

    private static string Describe(RecordedTask t) =>
        $"{t.First.Id} {t.First.Rule} p{t.Latest.Priority} owner={t.Latest.OwnerId} created={t.CreatedAt:O} seen={t.ObservedAt:O} " +
        $"{t.Latest.State} updated={t.Latest.UpdatedAt:O} evidence=[{string.Join(' ', t.First.Evidence)}]";
}
