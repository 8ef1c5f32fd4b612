using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerSuccess.Api.Snapshots;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Silo.Portfolio;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSuccess.Api.Tests;

public sealed class SnapshotApiTests
{
    private static async Task AtRiskDetractorAsync(HttpClient ingest, string segment, string owner, decimal value)
    {
        var customer = Http.NewId("c");
        (await ingest.PutAsJsonAsync($"/v1/customers/{customer}", new { name = "C", segment, ownerId = owner, annualValue = value })).EnsureSuccessStatusCode();
        (await ingest.PostEventsAsync(Http.Event(customer, "survey.nps", channel: "survey", score: 1))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_snapshot_counts_customers_nps_and_open_tasks_by_rule_and_filters_by_segment_and_owner()
    {
        using var factory = new ApiFactory();
        using var ingest = factory.ClientFor("ingest");
        using var exec = factory.ClientFor("exec");
        await AtRiskDetractorAsync(ingest, "enterprise", "anna", 1000);
        await AtRiskDetractorAsync(ingest, "smb", "ben", 10);
        // A profile and nothing a score is made from yet.
        (await ingest.PutAsJsonAsync($"/v1/customers/{Http.NewId("c")}", new { name = "New", segment = "smb", ownerId = "ben" })).EnsureSuccessStatusCode();

        var all = await (await exec.GetAsync("/v1/snapshot")).JsonAsync();
        var enterprise = await (await exec.GetAsync("/v1/snapshot?segment=enterprise")).JsonAsync();
        var ben = await (await exec.GetAsync("/v1/snapshot?ownerId=ben")).JsonAsync();

        Assert.Equal(3, all.GetProperty("customers").GetInt32());
        Assert.Equal(2, all.GetProperty("detractors").GetInt32());
        Assert.Equal(-100, all.GetProperty("nps").GetDouble());
        Assert.Equal(2, all.GetProperty("openTasksByRule").GetProperty("detractor").GetInt32());
        Assert.Equal(3, all.GetProperty("customersByBand").EnumerateObject().Sum(b => b.Value.GetInt32()));
        Assert.Equal(1, all.GetProperty("customersByBand").GetProperty("unscored").GetInt32());
        Assert.Equal(1, enterprise.GetProperty("customers").GetInt32());
        Assert.Equal("enterprise", enterprise.GetProperty("segment").GetString());
        Assert.Equal(2, ben.GetProperty("customers").GetInt32());
        Assert.Equal(1, ben.GetProperty("customersByBand").GetProperty("unscored").GetInt32());
    }

    [Fact]
    public async Task A_customer_that_cancelled_counts_as_churned_with_its_value_not_at_risk()
    {
        using var factory = new ApiFactory();
        using var ingest = factory.ClientFor("ingest");
        using var exec = factory.ClientFor("exec");
        await AtRiskDetractorAsync(ingest, "smb", "anna", 700);
        var leaving = Http.NewId("c");
        (await ingest.PutAsJsonAsync($"/v1/customers/{leaving}", new { name = "L", segment = "smb", ownerId = "anna", annualValue = 2500 })).EnsureSuccessStatusCode();
        (await ingest.PostEventsAsync(Http.Event(leaving, "subscription.cancelled", channel: "billing"))).EnsureSuccessStatusCode();

        var snapshot = await (await exec.GetAsync("/v1/snapshot")).JsonAsync();

        Assert.Equal(2, snapshot.GetProperty("customers").GetInt32());
        var bands = snapshot.GetProperty("customersByBand");
        Assert.Equal((1, 1, 0), (bands.GetProperty("churned").GetInt32(), bands.GetProperty("at-risk").GetInt32(), bands.GetProperty("unscored").GetInt32()));
        Assert.Equal(2, bands.EnumerateObject().Sum(b => b.Value.GetInt32()));
        Assert.Equal(700, snapshot.GetProperty("valueAtRisk").GetDecimal());
        Assert.Equal(2500, snapshot.GetProperty("valueChurned").GetDecimal());
        Assert.Equal((1, 2500m), (snapshot.GetProperty("churnedLast30Days").GetInt32(), snapshot.GetProperty("valueChurnedLast30Days").GetDecimal()));
    }

    [Fact]
    public async Task A_task_completed_over_the_api_shows_in_how_fast_outreach_happens()
    {
        using var factory = new ApiFactory();
        using var ingest = factory.ClientFor("ingest");
        using var csm = factory.ClientFor("csm");
        using var exec = factory.ClientFor("exec");
        await AtRiskDetractorAsync(ingest, "smb", "anna", 700);
        var tasks = await (await csm.GetAsync("/v1/tasks?ownerId=anna")).JsonAsync();
        var id = tasks.GetProperty("tasks")[0].GetProperty("id").GetString();
        var before = await (await exec.GetAsync("/v1/snapshot")).JsonAsync();

        factory.Clock.Advance(TimeSpan.FromHours(30));
        (await csm.PostAsJsonAsync($"/v1/tasks/{id}/complete", new { outcome = "called back" })).EnsureSuccessStatusCode();
        var after = await (await exec.GetAsync("/v1/snapshot")).JsonAsync();

        Assert.Equal(0, before.GetProperty("outreach").GetProperty("doneLast30Days").GetInt32());
        var outreach = after.GetProperty("outreach");
        Assert.Equal((1, 1), (outreach.GetProperty("doneLast30Days").GetInt32(), outreach.GetProperty("doneOnTime").GetInt32()));
        // Done 30 hours after it was raised: within 72 hours and a week, not within a day.
        var within = outreach.GetProperty("doneWithin");
        Assert.Equal([0, 0, 0, 1, 1], within.EnumerateObject().Select(w => w.Value.GetInt32()));
        Assert.Equal(["1h", "4h", "24h", "72h", "168h"], within.EnumerateObject().Select(w => w.Name));
    }

    [Fact]
    public async Task A_reply_logged_to_an_unanswered_chat_counts_in_how_fast_outreach_happens_at_the_time_it_was_sent()
    {
        using var factory = new ApiFactory();
        using var ingest = factory.ClientFor("ingest");
        using var exec = factory.ClientFor("exec");
        var customer = Http.NewId("c");
        (await ingest.PutAsJsonAsync($"/v1/customers/{customer}", new { name = "C", segment = "smb", ownerId = "anna" })).EnsureSuccessStatusCode();
        // Unanswered for three hours against chat's one: the task was due an hour ago.
        (await ingest.PostEventsAsync(Http.Event(customer, "contact.inbound", ApiFactory.Start.AddHours(-3), "chat"))).EnsureSuccessStatusCode();
        var before = await (await exec.GetAsync("/v1/snapshot?ownerId=anna")).JsonAsync();

        (await ingest.PostEventsAsync(Http.Event(customer, "contact.outbound", ApiFactory.Start.AddMinutes(-90), "chat"))).EnsureSuccessStatusCode();
        var after = await (await exec.GetAsync("/v1/snapshot?ownerId=anna")).JsonAsync();

        Assert.Equal(1, before.GetProperty("openTasksByRule").GetProperty("awaiting-reply").GetInt32());
        Assert.Equal(0, before.GetProperty("outreach").GetProperty("doneLast30Days").GetInt32());
        Assert.Equal(0, after.GetProperty("openTasksByRule").GetProperty("awaiting-reply").GetInt32());
        var outreach = after.GetProperty("outreach");
        Assert.Equal((1, 1), (outreach.GetProperty("doneLast30Days").GetInt32(), outreach.GetProperty("doneOnTime").GetInt32()));
        // Sent 30 minutes after the task was raised (at the window's end), not when it was reported.
        Assert.Equal([1, 1, 1, 1, 1], outreach.GetProperty("doneWithin").EnumerateObject().Select(w => w.Value.GetInt32()));
    }

    [Fact]
    public async Task Snapshot_history_has_todays_live_point_and_one_recorded_point_per_past_day()
    {
        using var factory = new ApiFactory();
        using var ingest = factory.ClientFor("ingest");
        using var exec = factory.ClientFor("exec");
        await AtRiskDetractorAsync(ingest, "smb", "anna", 5);

        var before = await (await exec.GetAsync("/v1/snapshot/history?days=7")).JsonAsync();
        factory.Clock.Advance(TimeSpan.FromDays(1));
        var after = await WaitForPointsAsync(exec, 2);

        var point = Assert.Single(before.GetProperty("points").EnumerateArray());
        Assert.True(point.GetProperty("live").GetBoolean());
        Assert.Equal("2026-05-01", point.GetProperty("day").GetString());
        var points = after.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(new[] { "2026-05-01", "2026-05-02" }, points.Select(p => p.GetProperty("day").GetString()));
        Assert.False(points[0].GetProperty("live").GetBoolean());
        Assert.Equal(1, points[0].GetProperty("snapshot").GetProperty("customers").GetInt32());
        Assert.True(points[1].GetProperty("live").GetBoolean());
    }

    [Fact]
    public async Task A_day_whose_storage_fails_at_midnight_is_recorded_when_it_answers_again()
    {
        var flaky = new FlakyHistory(failures: 2);
        using var factory = new ApiFactory { ReplaceServices = services => services.AddSingleton<IPortfolioHistory>(flaky) };
        using var ingest = factory.ClientFor("ingest");
        using var exec = factory.ClientFor("exec");
        await AtRiskDetractorAsync(ingest, "smb", "anna", 5);

        factory.Clock.AdvanceTo(new DateTimeOffset(ApiFactory.Start.UtcDateTime.Date.AddDays(1), TimeSpan.Zero));
        await flaky.AttemptedAsync(1, factory.Clock);
        await flaky.AttemptedAsync(2, factory.Clock);
        await flaky.AttemptedAsync(3, factory.Clock);
        var after = await WaitForPointsAsync(exec, 2);

        var recorded = after.GetProperty("points")[0];
        Assert.Equal("2026-05-01", recorded.GetProperty("day").GetString());
        Assert.False(recorded.GetProperty("live").GetBoolean());
        Assert.Equal(3, flaky.Attempts);
    }

    [Fact]
    public async Task Snapshot_history_has_a_trend_for_each_segment_and_csm_and_csm_within_a_segment()
    {
        using var factory = new ApiFactory();
        using var ingest = factory.ClientFor("ingest");
        using var exec = factory.ClientFor("exec");
        await AtRiskDetractorAsync(ingest, "smb", "anna", 5);
        await AtRiskDetractorAsync(ingest, "enterprise", "anna", 700);
        await AtRiskDetractorAsync(ingest, "enterprise", "ben", 900);

        factory.Clock.Advance(TimeSpan.FromDays(1));
        await WaitForPointsAsync(exec, 2);
        async Task<JsonElement> RecordedAsync(string filter)
        {
            var history = await (await exec.GetAsync($"/v1/snapshot/history?days=7&{filter}")).JsonAsync();
            var points = history.GetProperty("points").EnumerateArray().ToList();
            Assert.Equal(2, points.Count);
            Assert.True(points[1].GetProperty("live").GetBoolean());
            return points[0].GetProperty("snapshot");
        }

        var enterprise = await RecordedAsync("segment=enterprise");
        var anna = await RecordedAsync("ownerId=anna");
        var annaEnterprise = await RecordedAsync("segment=enterprise&ownerId=anna");
        var all = await RecordedAsync("segment=&ownerId=");
        var nobody = await (await exec.GetAsync("/v1/snapshot/history?days=7&ownerId=carl")).JsonAsync();

        Assert.Equal(("enterprise", 2, 1_600m), (enterprise.GetProperty("segment").GetString(), enterprise.GetProperty("customers").GetInt32(), enterprise.GetProperty("valueAtRisk").GetDecimal()));
        Assert.Equal(("anna", 2, 705m), (anna.GetProperty("ownerId").GetString(), anna.GetProperty("customers").GetInt32(), anna.GetProperty("valueAtRisk").GetDecimal()));
        Assert.Equal((1, 700m), (annaEnterprise.GetProperty("customers").GetInt32(), annaEnterprise.GetProperty("valueAtRisk").GetDecimal()));
        Assert.Equal(3, all.GetProperty("customers").GetInt32());
        // A CSM with no customers then has no recorded point, only today's live one.
        Assert.True(Assert.Single(nobody.GetProperty("points").EnumerateArray()).GetProperty("live").GetBoolean());
    }

    [Theory]
    [InlineData("/v1/snapshot/history?days=0")]
    [InlineData("/v1/snapshot/history?days=367")]
    [InlineData("/v1/snapshot/history?segment=%00")]
    [InlineData("/v1/snapshot/history?ownerId=%00")]
    public async Task A_bad_history_range_is_refused(string path)
    {
        using var factory = new ApiFactory();
        using var exec = factory.ClientFor("exec");

        await (await exec.GetAsync(path)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>The recorder runs on the clock's timer thread; its grain call finishes shortly after the advance.</summary>
    private static async Task<JsonElement> WaitForPointsAsync(HttpClient exec, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var history = await (await exec.GetAsync("/v1/snapshot/history?days=7")).JsonAsync();
            if (history.GetProperty("points").GetArrayLength() >= count || attempt == 100)
            {
                return history;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The memory history, failing its first few writes as storage down at midnight would.</summary>
    private sealed class FlakyHistory(int failures) : IPortfolioHistory
    {
        private readonly MemoryPortfolioHistory _inner = new();
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public Task RecordAsync(DateOnly day, IReadOnlyList<PortfolioSnapshot> snapshots, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _attempts) <= failures
                ? Task.FromException(new InvalidOperationException("storage unavailable"))
                : _inner.RecordAsync(day, snapshots, cancellationToken);

        public Task<IReadOnlyList<(DateOnly Day, PortfolioSnapshot Snapshot)>> BetweenAsync(DateOnly from, DateOnly to, PortfolioScope scope, CancellationToken cancellationToken) =>
            _inner.BetweenAsync(from, to, scope, cancellationToken);

        /// <summary>
        /// Moves the clock a retry interval at a time until the recorder, which runs on the clock's timer
        /// thread, has tried <paramref name="count"/> times: it sets its next try only after the last failed.
        /// </summary>
        public async Task AttemptedAsync(int count, Actors.Time.VirtualClock clock)
        {
            for (var wait = 0; Attempts < count && wait < 100; wait++)
            {
                await Task.Delay(20);
                if (Attempts < count && wait % 5 == 4)
                {
                    clock.Advance(SnapshotRecorder.RetryEvery);
                }
            }

            Assert.Equal(count, Attempts);
        }
    }
}
