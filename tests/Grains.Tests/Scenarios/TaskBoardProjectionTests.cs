using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tasks;
using CustomerSuccess.Grains.Tests.Support;

namespace CustomerSuccess.Grains.Tests.Scenarios;

public sealed class TaskBoardProjectionTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static OutreachTask Make(string customer, RuleId rule, string? owner, TaskState state = TaskState.Open) =>
        new(TaskId.Of(customer, rule, 1), customer, owner, rule, 2, "title", "reason", ["evidence"], "action",
            At, At.AddDays(1), state, At, Resolution: state == TaskState.Open ? null : "cleared");

    [Fact]
    public async Task One_upsert_with_tasks_of_two_owners_puts_each_on_its_owners_board_and_unowned_ones_on_the_unassigned_board()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var projection = new TaskBoardProjection(cluster.GrainFactory);

        await projection.UpsertAsync([
            Make("c-1", RuleId.GoneQuiet, "csm-a"),
            Make("c-2", RuleId.Detractor, "csm-b"),
            Make("c-3", RuleId.UsageDrop, null),
            Make("c-1", RuleId.PaymentFailed, "csm-a"),
            Make("c-4", RuleId.Promoter, ""),
        ]);

        Assert.Equal(["c-1:gone-quiet:1", "c-1:payment-failed:1"], (await cluster.BoardAsync("csm-a")).Select(t => t.Id).Order());
        Assert.Equal(["c-2:detractor:1"], (await cluster.BoardAsync("csm-b")).Select(t => t.Id));
        Assert.Equal(["c-3:usage-drop:1", "c-4:promoter:1"], (await cluster.BoardAsync()).Select(t => t.Id).Order());
    }

    [Fact]
    public async Task Changes_for_two_owners_in_one_upsert_keep_each_tasks_order_on_its_board()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var projection = new TaskBoardProjection(cluster.GrainFactory);

        await projection.UpsertAsync([
            Make("c-1", RuleId.GoneQuiet, "csm-a"),
            Make("c-2", RuleId.Detractor, "csm-b"),
            Make("c-1", RuleId.GoneQuiet, "csm-a", TaskState.Dismissed),
            Make("c-2", RuleId.Detractor, "csm-b", TaskState.Done),
            Make("c-2", RuleId.Detractor, "csm-b") with { Priority = 1 },
        ]);

        Assert.Empty(await cluster.BoardAsync("csm-a"));
        Assert.Equal(1, Assert.Single(await cluster.BoardAsync("csm-b")).Priority);
    }

    [Fact]
    public async Task A_task_opened_and_closed_in_the_same_upsert_leaves_the_board_without_it()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var projection = new TaskBoardProjection(cluster.GrainFactory);
        await projection.UpsertAsync([Make("c-1", RuleId.Detractor, "csm-a")]);

        await projection.UpsertAsync([
            Make("c-1", RuleId.Detractor, "csm-a", TaskState.AutoClosed),
            Make("c-1", RuleId.GoneQuiet, "csm-a"),
            Make("c-1", RuleId.GoneQuiet, "csm-a", TaskState.Done),
            Make("c-1", RuleId.UsageDrop, "csm-a"),
        ]);

        Assert.Equal(["c-1:usage-drop:1"], (await cluster.BoardAsync("csm-a")).Select(t => t.Id));
    }
}
