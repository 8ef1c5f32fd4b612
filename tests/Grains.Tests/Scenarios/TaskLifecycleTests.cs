using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Scenarios;

public sealed class TaskLifecycleTests
{
    [Fact]
    public async Task A_dismissed_rule_stays_quiet_for_seven_days_then_raises_again_if_the_condition_holds()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        await cluster.SendAsync(PaymentFailed("c-1", "p-1", t0));
        var first = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.PaymentFailed));

        var dismissed = await cluster.Customer("c-1").DismissTaskAsync(first.Id, "billing handles it");
        Assert.Equal(TaskState.Dismissed, dismissed.State);
        Assert.Equal("billing handles it", dismissed.Resolution);

        await cluster.AdvanceAsync(TimeSpan.FromDays(2));
        await cluster.SendAsync(PaymentFailed("c-1", "p-2", cluster.Now));
        await cluster.AdvanceToAsync(t0.AddDays(7) - TimeSpan.FromTicks(1));
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.PaymentFailed));

        await cluster.AdvanceAsync(TimeSpan.FromTicks(1));
        var again = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.PaymentFailed));
        Assert.Equal("c-1:payment-failed:2", again.Id);
        Assert.Equal(t0.AddDays(7), again.CreatedAt);
        Assert.Equal(t0.AddDays(8), again.DueAt);
        Assert.Equal(["p-2"], again.Evidence);
    }

    [Fact]
    public async Task A_snoozed_task_wakes_early_when_new_evidence_arrives()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        await cluster.SendAsync(Survey("c-1", "s-1", t0, TouchpointType.SurveyNps, 3));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.Detractor));

        var snoozed = await cluster.Customer("c-1").SnoozeTaskAsync(task.Id, t0.AddDays(3));
        Assert.Equal(TaskState.Snoozed, snoozed.State);
        Assert.Equal(TaskState.Snoozed, (await cluster.BoardAsync()).Single(t => t.Id == task.Id).State);

        await cluster.AdvanceAsync(TimeSpan.FromDays(1));
        await cluster.SendAsync(Survey("c-1", "s-2", cluster.Now, TouchpointType.SurveyCsat, 1));

        var woken = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.Detractor));
        Assert.Equal(task.Id, woken.Id);
        Assert.Equal(TaskState.Open, woken.State);
        Assert.Equal(["s-2"], woken.Evidence);
        Assert.Equal(TaskState.Open, (await cluster.BoardAsync()).Single(t => t.Id == task.Id).State);
    }

    [Fact]
    public async Task A_snoozed_task_reopens_at_the_end_of_its_snooze()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        await cluster.SendAsync(Survey("c-1", "s-1", t0, TouchpointType.SurveyNps, 3));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.Detractor));
        await cluster.Customer("c-1").SnoozeTaskAsync(task.Id, t0.AddDays(3));

        await cluster.AdvanceAsync(TimeSpan.FromDays(3) - TimeSpan.FromTicks(1));
        Assert.Equal(TaskState.Snoozed, (await cluster.TaskAsync("c-1", RuleId.Detractor))!.State);
        await cluster.AdvanceAsync(TimeSpan.FromTicks(1));
        Assert.Equal(TaskState.Open, (await cluster.TaskAsync("c-1", RuleId.Detractor))!.State);
    }

    [Fact]
    public async Task A_task_marked_done_is_not_raised_again_for_the_same_situation()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        await cluster.SendAsync(Survey("c-1", "s-1", cluster.Now, TouchpointType.SurveyNps, 3));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.Detractor));

        var done = await cluster.Customer("c-1").CompleteTaskAsync(task.Id, "called", "agreed a fix");
        Assert.Equal(TaskState.Done, done.State);
        Assert.Equal("called", done.Resolution);
        Assert.Equal("agreed a fix", done.Note);

        await cluster.AdvanceAsync(TimeSpan.FromDays(1));
        await cluster.SendAsync(Usage("c-1", "u-1", cluster.Now));
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.Detractor));
        Assert.Empty(await cluster.BoardAsync());
    }

    [Fact]
    public async Task An_unresolved_effort_task_marked_done_does_not_hide_another_issue_nor_the_same_issue_reopened()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        await cluster.SendAsync(
            Inbound("c-1", "x-1", t0.AddMinutes(-10), Channel.Email, "X"),
            Inbound("c-1", "x-2", t0, Channel.Phone, "X"));
        var first = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.UnresolvedEffort));
        await cluster.Customer("c-1").CompleteTaskAsync(first.Id, "called", null);

        // X stays open (engineering is on it): it raises nothing more. Y is another situation.
        await cluster.AdvanceAsync(TimeSpan.FromHours(1));
        await cluster.SendAsync(Inbound("c-1", "x-3", cluster.Now, Channel.Chat, "X"));
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.UnresolvedEffort));
        var yAt = cluster.Now;
        await cluster.SendAsync(
            Inbound("c-1", "y-1", yAt.AddMinutes(-5), Channel.Email, "Y"),
            Inbound("c-1", "y-2", yAt, Channel.Chat, "Y"));
        var forY = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.UnresolvedEffort));
        Assert.Equal("Resolve issue Y for the customer", forY.Title);
        Assert.DoesNotContain("x-1", forY.Evidence);
        Assert.Equal(yAt, forY.CreatedAt);
        await cluster.Customer("c-1").CompleteTaskAsync(forY.Id, "fixed", null);

        // Both marks hold: X and Y, still open, raise nothing more.
        await cluster.AdvanceAsync(TimeSpan.FromHours(1));
        await cluster.SendAsync(Inbound("c-1", "x-4", cluster.Now, Channel.Email, "X"), Inbound("c-1", "y-3", cluster.Now, Channel.Phone, "Y"));
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.UnresolvedEffort));

        // X resolved, then reopened ten days later: a new situation, which the done mark does not cover.
        await cluster.SendAsync(Resolved("c-1", "x-r", cluster.Now, "X"));
        await cluster.AdvanceAsync(TimeSpan.FromDays(10));
        var reopenedAt = cluster.Now;
        await cluster.SendAsync(new TouchpointEvent("x-ro", "c-1", TouchpointType.IssueReopened, reopenedAt, Channel.Other, "X"));
        var reopened = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.UnresolvedEffort));
        Assert.Equal("Resolve issue X for the customer", reopened.Title);
        Assert.NotEqual(first.Id, reopened.Id);
    }

    [Fact]
    public async Task An_unresolved_effort_task_covering_two_issues_marked_done_covers_both()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        await cluster.SendAsync(
            Inbound("c-1", "a-1", t0.AddMinutes(-30), Channel.Email, "A"),
            Inbound("c-1", "a-2", t0.AddMinutes(-20), Channel.Phone, "A"),
            Inbound("c-1", "b-1", t0.AddMinutes(-10), Channel.Email, "B"),
            Inbound("c-1", "b-2", t0, Channel.Chat, "B"));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.UnresolvedEffort));
        Assert.Contains("issue B", task.Reason);

        await cluster.Customer("c-1").CompleteTaskAsync(task.Id, "called about both", null);
        await cluster.AdvanceAsync(TimeSpan.FromHours(1));
        await cluster.SendAsync(Inbound("c-1", "b-3", cluster.Now, Channel.Email, "B"));

        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.UnresolvedEffort));
    }

    [Fact]
    public async Task Acting_on_a_closed_or_unknown_task_is_refused_with_a_transition_error()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        await cluster.SendAsync(Survey("c-1", "s-1", cluster.Now, TouchpointType.SurveyNps, 3));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.Detractor));
        await cluster.Customer("c-1").DismissTaskAsync(task.Id, "duplicate of a call");

        var closed = await Assert.ThrowsAsync<TaskTransitionException>(() => cluster.Customer("c-1").CompleteTaskAsync(task.Id, "called"));
        Assert.Equal(TaskState.Dismissed, closed.From);
        var unknown = await Assert.ThrowsAsync<TaskTransitionException>(() => cluster.Customer("c-1").SnoozeTaskAsync("c-1:detractor:9", cluster.Now.AddDays(1)));
        Assert.Null(unknown.From);
        Assert.False(unknown.Existed);
        Assert.True(closed.Existed);
    }

    [Fact]
    public async Task A_task_closed_so_long_ago_that_it_is_no_longer_kept_is_still_refused_as_a_conflict()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var first = "";
        for (var i = 0; i <= StateLimits.Default.ClosedTasks; i++)
        {
            await cluster.SendAsync(PaymentFailed("c-1", $"p-{i}", cluster.Now));
            var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.PaymentFailed));
            first = i == 0 ? task.Id : first;
            await cluster.Customer("c-1").CompleteTaskAsync(task.Id, "card updated", null);
            await cluster.AdvanceAsync(TimeSpan.FromMinutes(1));
        }

        Assert.DoesNotContain(await cluster.Customer("c-1").GetTasksAsync(), t => t.Id == first);
        var forgotten = await Assert.ThrowsAsync<TaskTransitionException>(() => cluster.Customer("c-1").CompleteTaskAsync(first, "again"));
        Assert.True(forgotten.Existed);
        Assert.Null(forgotten.From);
        var never = await Assert.ThrowsAsync<TaskTransitionException>(() => cluster.Customer("c-1").CompleteTaskAsync("c-1:payment-failed:99", "again"));
        Assert.False(never.Existed);
        var padded = await Assert.ThrowsAsync<TaskTransitionException>(() => cluster.Customer("c-1").CompleteTaskAsync("c-1:payment-failed:01", "again"));
        Assert.False(padded.Existed);
    }

    [Fact]
    public async Task Owner_boards_list_live_tasks_by_priority_then_due_time_and_follow_an_owner_change()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var now = cluster.Now;
        await cluster.Customer("c-1").SetProfileAsync(new Interfaces.Customers.CustomerProfile("A", "smb", "csm-1"));
        await cluster.Customer("c-2").SetProfileAsync(new Interfaces.Customers.CustomerProfile("B", "smb", "csm-1"));
        await cluster.SendAsync(Survey("c-1", "s-1", now, TouchpointType.SurveyNps, 3));
        await cluster.SendAsync(PaymentFailed("c-2", "p-1", now));
        await cluster.SendAsync(Survey("c-2", "s-2", now.AddMinutes(-1), TouchpointType.SurveyNps, 2));

        // c-2 fell from watch (60) into at risk (38) with the NPS: health-drop, priority 1, comes first;
        // then priority 2 by due time: payment (1 d), c-2's survey (48 h from a minute earlier), c-1's.
        var board = await cluster.BoardAsync("csm-1");
        Assert.Equal(["c-2:health-drop:1", "c-2:payment-failed:1", "c-2:detractor:1", "c-1:detractor:1"], board.Select(t => t.Id));

        await cluster.Customer("c-2").SetProfileAsync(new Interfaces.Customers.CustomerProfile("B", "smb", "csm-2"));
        Assert.Equal(["c-1:detractor:1"], (await cluster.BoardAsync("csm-1")).Select(t => t.Id));
        Assert.Equal(["c-2:health-drop:1", "c-2:payment-failed:1", "c-2:detractor:1"], (await cluster.BoardAsync("csm-2")).Select(t => t.Id));
        Assert.All(await cluster.BoardAsync("csm-2"), t => Assert.Equal("csm-2", t.OwnerId));
    }
}

public sealed class SettingsTests
{
    [Fact]
    public async Task Rule_thresholds_registered_on_the_silo_replace_the_defaults()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync(new Domain.Rules.RuleSettings { DetractorNps = 7, DetractorDue = TimeSpan.FromHours(24) });
        await cluster.SendAsync(Survey("c-1", "s-1", cluster.Now, TouchpointType.SurveyNps, 7));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.Detractor));
        Assert.Equal(cluster.Now.AddHours(24), task.DueAt);
    }
}
