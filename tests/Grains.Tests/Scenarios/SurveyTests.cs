using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Scenarios;

public sealed class SurveyTests
{
    [Fact]
    public async Task An_nps_of_three_raises_a_detractor_task_due_in_48_hours()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var at = cluster.Now;
        await cluster.SendAsync(Survey("c-1", "s-1", at, TouchpointType.SurveyNps, 3));

        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.Detractor));
        Assert.Equal(2, task.Priority);
        Assert.Equal(at, task.CreatedAt);
        Assert.Equal(at.AddHours(48), task.DueAt);
        Assert.Equal(["s-1"], task.Evidence);
        Assert.Contains("NPS 3", task.Reason);
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.Promoter));
    }

    [Fact]
    public async Task An_nps_of_ten_from_a_healthy_customer_raises_a_promoter_task_due_in_7_days()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var at = cluster.Now;
        await cluster.SendAsync(Survey("c-1", "s-1", at, TouchpointType.SurveyNps, 10));

        Assert.Equal(HealthBand.Healthy, (await cluster.Customer("c-1").GetHealthAsync()).Band);
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1"));
        Assert.Equal(RuleId.Promoter, task.Rule);
        Assert.Equal(4, task.Priority);
        Assert.Equal(at.AddDays(7), task.DueAt);
        Assert.Equal(["s-1"], task.Evidence);
    }

    [Fact]
    public async Task An_nps_of_ten_from_a_customer_at_risk_raises_no_promoter_task()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var at = cluster.Now;
        await cluster.Customer("c-1").SetProfileAsync(new Interfaces.Customers.CustomerProfile(AnnualValue: 1_000));
        await cluster.SendAsync(
            new TouchpointEvent("x-1", "c-1", TouchpointType.SubscriptionCancelled, at.AddMinutes(-5), Channel.Billing),
            Inbound("c-1", "e-1", at.AddMinutes(-4), Channel.Email, "I-1", sentiment: -1),
            Inbound("c-1", "e-2", at.AddMinutes(-3), Channel.Phone, "I-1", sentiment: -1),
            Survey("c-1", "s-1", at, TouchpointType.SurveyNps, 10));

        Assert.NotEqual(HealthBand.Healthy, (await cluster.Customer("c-1").GetHealthAsync()).Band);
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.Promoter));
    }
}
