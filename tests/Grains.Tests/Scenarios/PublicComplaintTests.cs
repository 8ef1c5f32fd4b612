using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Scenarios;

public sealed class PublicComplaintTests
{
    [Theory]
    [InlineData(12_000, 1)]
    [InlineData(40, 3)]
    public async Task An_unanswered_public_complaint_raises_a_task_at_exactly_one_hour_with_priority_by_reach(long reach, int priority)
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        await cluster.SendAsync(Mention("c-1", "m-1", t0, -0.8, reach));

        await cluster.AdvanceAsync(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        Assert.Empty(await cluster.LiveTasksAsync("c-1"));

        await cluster.AdvanceAsync(TimeSpan.FromTicks(1));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1"));
        Assert.Equal(RuleId.PublicComplaint, task.Rule);
        Assert.Equal(priority, task.Priority);
        Assert.Equal(t0.AddHours(1), task.CreatedAt);
        Assert.Equal(t0.AddHours(2), task.DueAt);
        Assert.Equal(["m-1"], task.Evidence);
        Assert.Contains($"reach up to {reach}", task.Reason);
    }

    [Fact]
    public async Task A_second_unanswered_mention_rewrites_the_live_task_with_both_mentions_at_the_same_priority_and_times()
    {
        // Nothing the task is sorted or keyed by changes, only its words: the task must still get them.
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        await cluster.SendAsync(Mention("c-1", "m-1", t0, -0.8, 40));
        await cluster.AdvanceAsync(TimeSpan.FromHours(1));
        var first = Assert.Single(await cluster.LiveTasksAsync("c-1"));

        // Within the collection age, so the same activation (and its task book) takes the mention.
        await cluster.AdvanceAsync(TimeSpan.FromMinutes(5));
        await cluster.SendAsync(Mention("c-1", "m-2", cluster.Now, -0.5, 60));

        var task = Assert.Single(await cluster.LiveTasksAsync("c-1"));
        Assert.Equal((first.Id, 3, t0.AddHours(1), t0.AddHours(2)), (task.Id, task.Priority, task.CreatedAt, task.DueAt));
        Assert.Equal(["m-1", "m-2"], task.Evidence);
        Assert.StartsWith("2 public negative mention(s)", task.Reason);
        Assert.Contains("reach up to 60", task.Reason);
        Assert.Equal(["m-1", "m-2"], Assert.Single(await cluster.BoardAsync()).Evidence);
    }

    [Fact]
    public async Task A_reply_within_fifty_minutes_means_no_task_at_all()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        await cluster.SendAsync(Mention("c-1", "m-1", t0, -0.8, 12_000));
        await cluster.AdvanceAsync(TimeSpan.FromMinutes(50));
        await cluster.SendAsync(Outbound("c-1", "o-1", cluster.Now, Channel.Social));

        await cluster.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Empty(await cluster.Customer("c-1").GetTasksAsync());
    }

    [Fact]
    public async Task A_public_negative_inbound_contact_raises_only_the_public_complaint_not_awaiting_reply()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        await cluster.SendAsync(Inbound("c-1", "x-1", t0, Channel.Social, isPublic: true, reach: 2_000, sentiment: -0.6));

        await cluster.AdvanceAsync(TimeSpan.FromDays(2));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1"));
        Assert.Equal(RuleId.PublicComplaint, task.Rule);
        Assert.Equal(2, task.Priority);
    }
}
