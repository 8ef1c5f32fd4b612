using System.Text.Json;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Scenarios;

public sealed class OrderIndependenceTests
{
    private static TouchpointEvent[] History(string customer, DateTimeOffset now) =>
    [
        Inbound(customer, "e-1", now.AddHours(-5), Channel.Email, "B-1", sentiment: -0.4, wait: 120),
        Outbound(customer, "o-1", now.AddHours(-4), Channel.Email, "B-1"),
        Inbound(customer, "e-2", now.AddHours(-2), Channel.Phone, "B-1", sentiment: -0.6, wait: 600),
    ];

    // Everything a CSM sees, with the customer id taken out so two customers compare.
    private static async Task<string> ViewAsync(Actors.Testing.InProcessTestCluster cluster, string customer)
    {
        var grain = cluster.Customer(customer);
        var view = new
        {
            Health = await grain.GetHealthAsync(),
            Issues = await grain.GetOpenIssuesAsync(),
            Timeline = await grain.GetTimelineAsync(0, 50),
            Tasks = await grain.GetTasksAsync(),
        };
        return JsonSerializer.Serialize(view).Replace(customer, "C", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_contacts_through_two_channels_delivered_out_of_order_give_the_same_state_and_tasks_as_in_order()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var now = cluster.Now;
        foreach (var e in History("in-order", now))
        {
            await cluster.SendAsync(e);
        }

        foreach (var e in History("reversed", now).Reverse())
        {
            await cluster.SendAsync(e);
        }

        await cluster.SendAsync(History("one-batch", now).Reverse().ToArray());

        var expected = await ViewAsync(cluster, "in-order");
        var task = Assert.Single(await cluster.LiveTasksAsync("in-order", Interfaces.Tasks.RuleId.UnresolvedEffort));
        Assert.Equal(now.AddHours(-2), task.CreatedAt);
        Assert.Equal(["e-1", "e-2"], task.Evidence);
        Assert.Equal(expected, await ViewAsync(cluster, "reversed"));
        Assert.Equal(expected, await ViewAsync(cluster, "one-batch"));
    }

    [Fact]
    public async Task A_retried_batch_is_counted_as_duplicates_and_changes_nothing()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var batch = History("c-1", cluster.Now);
        Assert.Equal(new ApplyResult(3, 0), await cluster.SendAsync(batch));
        var before = await ViewAsync(cluster, "c-1");

        Assert.Equal(new ApplyResult(0, 3), await cluster.SendAsync(batch));
        Assert.Equal(new ApplyResult(1, 1), await cluster.SendAsync(batch[0], Usage("c-1", "u-1", cluster.Now)));
        Assert.Equal(3 + 1, (await cluster.Customer("c-1").GetTimelineAsync()).Total);
        Assert.NotEqual(before, await ViewAsync(cluster, "c-1"));
    }
}
