using CustomerSuccess.Actors.Testing;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Scenarios;

/// <summary>Health that changes band with time alone is scored, and acted on, at the second it does.</summary>
public sealed class HealthDriftTests
{
    [Fact]
    public async Task A_silent_customer_drifts_into_watch_then_at_risk_at_the_exact_second_and_health_drop_fires_then()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var last = cluster.Now;
        // Daily use for ten days and nothing else: health is recency alone, 100 up to 1.5 typical gaps
        // of silence, then 30 points less per further gap (a gap is a day here).
        await cluster.SendAsync([.. Enumerable.Range(0, 10).Select(i => Usage("c-1", $"u-{i}", last.AddDays(i - 9)))]);
        var customer = cluster.Customer("c-1");
        Assert.Equal(HealthBand.Healthy, (await customer.GetHealthAsync()).Band);

        // Below 69.5 after 2.5167 days of silence: watch; below 39.5 after 3.5167 days: at risk.
        var watch = await DriftAsync(cluster, customer, HealthBand.Healthy, HealthBand.Watch);
        Assert.InRange(watch - last, TimeSpan.FromDays(2.5166), TimeSpan.FromDays(2.5168));
        var atRisk = await DriftAsync(cluster, customer, HealthBand.Watch, HealthBand.AtRisk);
        Assert.InRange(atRisk - last, TimeSpan.FromDays(3.5166), TimeSpan.FromDays(3.5168));

        var change = (await customer.GetScoreHistoryAsync())[0];
        Assert.Equal(atRisk, change.At);
        Assert.StartsWith("deadline ", change.Cause);
        Assert.EndsWith("(health: drifts into at risk)", change.Cause);
        // Health fell 31 points (100 -> 69) when it drifted into watch: health-drop fired then, and
        // entering at risk raised its priority.
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.HealthDrop));
        Assert.Equal(watch, task.CreatedAt);
        Assert.Equal(1, task.Priority);
    }

    [Fact]
    public void An_open_issue_that_ages_drifts_out_of_healthy_at_the_second_its_penalty_crosses_the_band()
    {
        var fixture = new ModelFixture();
        var t0 = ModelFixture.T0;
        // An issue opened with an hour of waiting: 10 + 10 points of penalty, and 5 more per day of age, so
        // 80 is healthy until the age costs 10.5 more (2.1 days), when the rounded score falls to 69.
        fixture.Apply(t0, new TouchpointEvent("o-1", "c-1", TouchpointType.IssueOpened, t0, Channel.Other, "B-1", WaitSeconds: 3600));
        var dayOld = fixture.Model.Evaluate(t0.AddDays(1), "unresolved-effort deadline");
        Assert.Equal(80 - 5, fixture.Model.Health().Score);

        var drift = dayOld.NextDeadline!.Value;
        Assert.Equal("health: drifts into watch", dayOld.NextDeadlineReason);
        Assert.InRange(drift - t0, TimeSpan.FromDays(2.1), TimeSpan.FromDays(2.1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HealthBand.Healthy, HealthScorer.Value(fixture.State, drift.AddSeconds(-1), HealthSettings.Default, RuleSettings.Default).Band);
        Assert.Equal(HealthBand.Watch, HealthScorer.Value(fixture.State, drift, HealthSettings.Default, RuleSettings.Default).Band);
    }

    [Fact]
    public void A_customer_whose_health_cannot_leave_its_band_sets_no_drift_deadline()
    {
        var fixture = new ModelFixture();
        var t0 = ModelFixture.T0;

        var evaluation = fixture.Apply(t0, [.. Content("c-1", t0), Usage("c-1", "u-1", t0)]);

        Assert.Equal(HealthBand.Healthy, fixture.Model.Health().Band);
        Assert.Null(evaluation.NextDeadline);
    }

    [Fact]
    public void A_customer_with_a_long_rhythm_and_no_other_deadline_is_woken_when_it_drifts_two_months_later()
    {
        // Used every 25 days: recency stays 100 for 1.5 gaps (37.5 days), then loses 30 points a gap, and
        // falls below 69.5 after 62.9 days. Too few interactions for gone-quiet to set a deadline.
        var fixture = new ModelFixture();
        var t0 = ModelFixture.T0;

        var evaluation = fixture.Apply(t0, Usage("c-1", "u-1", t0.AddDays(-50)), Usage("c-1", "u-2", t0.AddDays(-25)), Usage("c-1", "u-3", t0));

        Assert.Equal(HealthBand.Healthy, fixture.Model.Health().Band);
        Assert.Equal("health: drifts into watch", evaluation.NextDeadlineReason);
        Assert.InRange(evaluation.NextDeadline!.Value - t0, TimeSpan.FromDays(62.9), TimeSpan.FromDays(63));
    }

    // Waits for the next wake-up, which must be the drift, and checks the band on each side of it.
    private static async Task<DateTimeOffset> DriftAsync(InProcessTestCluster cluster, ICustomerGrain customer, HealthBand from, HealthBand to)
    {
        var due = (await cluster.WakeUps.GetNextDueAsync(default))!.Value;
        await cluster.AdvanceToAsync(due - TimeSpan.FromSeconds(1));
        Assert.Equal(from, (await customer.GetHealthAsync()).Band);
        await cluster.AdvanceToAsync(due);
        var health = await customer.GetHealthAsync();
        Assert.Equal(to, health.Band);
        Assert.Equal(due, health.At);
        return due;
    }
}
