using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Scenarios;

public sealed class RenewalTests
{
    [Fact]
    public async Task A_renewal_in_60_days_with_health_in_watch_raises_renewal_risk()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var now = cluster.Now;
        var renewal = now.AddDays(60);
        await cluster.Customer("c-1").SetProfileAsync(new CustomerProfile("Acme", "smb", "csm-1", 12_000, renewal));
        await cluster.SendAsync(
            PaymentFailed("c-1", "p-1", now.AddMinutes(-10)),
            Survey("c-1", "s-1", now.AddMinutes(-5), TouchpointType.SurveyNps, 5));

        var health = await cluster.Customer("c-1").GetHealthAsync();
        Assert.Equal(HealthBand.Watch, health.Band);
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.RenewalRisk));
        Assert.Equal(2, task.Priority);
        Assert.Equal(now, task.CreatedAt);
        Assert.Equal(now.AddDays(7), task.DueAt);
        Assert.Equal([$"renewal:{renewal:yyyy-MM-dd}"], task.Evidence);
        Assert.Equal("csm-1", task.OwnerId);
        Assert.Contains(await cluster.BoardAsync("csm-1"), t => t.Id == task.Id);
    }

    [Fact]
    public async Task A_renewal_in_60_days_with_healthy_health_raises_nothing()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        await cluster.Customer("c-1").SetProfileAsync(new CustomerProfile("Acme", "smb", "csm-1", 12_000, cluster.Now.AddDays(60)));
        await cluster.SendAsync(Survey("c-1", "s-1", cluster.Now, TouchpointType.SurveyNps, 8));

        Assert.Equal(HealthBand.Healthy, (await cluster.Customer("c-1").GetHealthAsync()).Band);
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.RenewalRisk));
    }

    [Fact]
    public async Task A_renewal_120_days_out_raises_renewal_risk_exactly_when_it_comes_within_90_days()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var now = cluster.Now;
        var renewal = now.AddDays(120);
        await cluster.Customer("c-1").SetProfileAsync(new CustomerProfile("Acme", "smb", null, 12_000, renewal));
        await cluster.SendAsync(Survey("c-1", "s-1", now, TouchpointType.SurveyNps, 5), PaymentFailed("c-1", "p-1", now));

        await cluster.AdvanceAsync(TimeSpan.FromDays(30) - TimeSpan.FromTicks(1));
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.RenewalRisk));
        await cluster.AdvanceAsync(TimeSpan.FromTicks(1));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.RenewalRisk));
        Assert.Equal(renewal.AddDays(-90), task.CreatedAt);
    }

    [Fact]
    public async Task Health_steps_down_exactly_when_the_renewal_comes_within_30_days_and_says_why()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var renewal = cluster.Now.AddDays(60);
        await cluster.Customer("c-1").SetProfileAsync(new CustomerProfile("Acme", "smb", "csm-1", 12_000, renewal));
        await cluster.SendAsync(Survey("c-1", "s-1", cluster.Now, TouchpointType.SurveyNps, 9));
        var before = (await cluster.Customer("c-1").GetHealthAsync()).Score;

        await cluster.AdvanceToAsync(renewal.AddDays(-30) - TimeSpan.FromTicks(1));
        Assert.Equal(before, (await cluster.Customer("c-1").GetHealthAsync()).Score);
        await cluster.AdvanceAsync(TimeSpan.FromTicks(1));

        var change = (await cluster.Customer("c-1").GetScoreHistoryAsync())[0];
        Assert.Equal(renewal.AddDays(-30), change.At);
        Assert.True(change.To < change.From);
        Assert.Contains("renewal window opens", change.Cause);
    }
}

