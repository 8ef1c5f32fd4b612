using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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

    [Theory]
    [InlineData("/v1/snapshot/history?days=0")]
    [InlineData("/v1/snapshot/history?days=367")]
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
}
