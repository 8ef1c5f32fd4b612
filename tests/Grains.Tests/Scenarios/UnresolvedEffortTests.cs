using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Scenarios;

public sealed class UnresolvedEffortTests
{
    [Fact]
    public async Task A_second_contact_about_an_open_issue_on_another_channel_raises_unresolved_effort_at_once()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        await cluster.SendAsync(Inbound("c-1", "e-1", t0, Channel.Email, "B-1"));
        Assert.Null(await cluster.TaskAsync("c-1", RuleId.UnresolvedEffort));

        await cluster.AdvanceAsync(TimeSpan.FromHours(2));
        var call = t0.AddHours(2);
        await cluster.SendAsync(Inbound("c-1", "e-2", call, Channel.Phone, "B-1"));

        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.UnresolvedEffort));
        Assert.Equal("c-1:unresolved-effort:1", task.Id);
        Assert.Equal(3, task.Priority);
        Assert.Equal(call, task.CreatedAt);
        Assert.Equal(call.AddHours(4), task.DueAt);
        Assert.Equal(["e-1", "e-2"], task.Evidence);
        Assert.Contains("2 contact(s) via email, phone", task.Reason);
        Assert.Null(task.OwnerId);
        Assert.Contains(await cluster.BoardAsync(), t => t.Id == task.Id);

        var change = (await cluster.Customer("c-1").GetScoreHistoryAsync())[0];
        Assert.Equal(call, change.At);
        Assert.True(change.To < change.From);
        Assert.Equal("event e-2 (contact 2 about issue B-1, contact.inbound via phone)", change.Cause);
    }

    [Fact]
    public async Task A_phone_call_two_days_after_an_email_joins_the_task_the_24_hour_age_raised_and_resolution_auto_closes_it()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        await cluster.SendAsync(Inbound("c-1", "e-1", t0, Channel.Email, "B-1"));

        // Older than 24 h is a trigger of its own: the task is there before the call.
        await cluster.AdvanceAsync(TimeSpan.FromHours(24));
        var byAge = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.UnresolvedEffort));
        Assert.Equal(t0.AddHours(24), byAge.CreatedAt);
        Assert.Equal(t0.AddHours(28), byAge.DueAt);
        Assert.Equal(["e-1"], byAge.Evidence);

        await cluster.AdvanceAsync(TimeSpan.FromHours(24));
        await cluster.SendAsync(Inbound("c-1", "e-2", t0.AddDays(2), Channel.Phone, "B-1"));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.UnresolvedEffort));
        Assert.Equal(byAge.Id, task.Id);
        Assert.Equal(["e-1", "e-2"], task.Evidence);
        Assert.Contains("2 contact(s) via email, phone", task.Reason);
        var ledger = Assert.Single(await cluster.Customer("c-1").GetOpenIssuesAsync());
        Assert.Equal([Channel.Email, Channel.Phone], ledger.Channels);
        Assert.Equal(2, ledger.Contacts);

        await cluster.AdvanceAsync(TimeSpan.FromHours(1));
        await cluster.SendAsync(Resolved("c-1", "r-1", cluster.Now, "B-1"));
        var closed = await cluster.TaskAsync("c-1", RuleId.UnresolvedEffort);
        Assert.Equal(TaskState.AutoClosed, closed!.State);
        Assert.Equal("issue resolved", closed.Resolution);
        Assert.Empty(await cluster.Customer("c-1").GetOpenIssuesAsync());
        Assert.DoesNotContain(await cluster.BoardAsync(), t => t.Rule == RuleId.UnresolvedEffort);
    }
}
