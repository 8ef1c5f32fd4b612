using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Scenarios;

public sealed class DurabilityTests
{
    public enum Interruption
    {
        IdleCollection,
        Restart,
        KillAndRestart,
    }

    [Theory]
    [InlineData(Interruption.IdleCollection)]
    [InlineData(Interruption.Restart)]
    [InlineData(Interruption.KillAndRestart)]
    public async Task A_deadline_fires_on_time_after_the_grain_was_collected_or_the_silo_restarted(Interruption interruption)
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        await cluster.SendAsync(Inbound("c-1", "e-1", t0, Channel.Email), Survey("c-1", "s-1", t0, TouchpointType.SurveyNps, 3));

        switch (interruption)
        {
            case Interruption.IdleCollection:
                await cluster.AdvanceAsync(TimeSpan.FromHours(1));
                Assert.Equal(0, cluster.Silo.ActivationCount);
                break;
            case Interruption.Restart:
                await cluster.RestartAsync();
                break;
            case Interruption.KillAndRestart:
                await cluster.KillAndRestartAsync();
                break;
        }

        await cluster.AdvanceToAsync(t0.AddHours(24) - TimeSpan.FromTicks(1));
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.AwaitingReply));

        await cluster.AdvanceAsync(TimeSpan.FromTicks(1));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.AwaitingReply));
        Assert.Equal(t0.AddHours(24), task.CreatedAt);
        Assert.Equal(t0.AddHours(25), task.DueAt);
        Assert.Equal(3, task.Priority);
        Assert.Equal(["e-1"], task.Evidence);

        // The task raised before the interruption survived it, on the customer and on the board.
        Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.Detractor));
        Assert.Equal(2, (await cluster.BoardAsync()).Count);
    }
}

public sealed class AggregateRepairTests
{
    [Fact]
    public async Task A_board_and_portfolio_that_lost_changes_in_a_crash_are_repaired_when_the_customer_next_activates()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        await cluster.Customer("c-1").SetProfileAsync(new Interfaces.Customers.CustomerProfile("A", "smb", "csm-1", 9_000));
        await cluster.SendAsync(Survey("c-1", "s-1", cluster.Now, TouchpointType.SurveyNps, 3));
        Assert.Single(await cluster.BoardAsync("csm-1"));

        // Boards and partitions checkpoint every few seconds; a crash before that loses their changes.
        await cluster.KillAndRestartAsync();
        Assert.Empty(await cluster.BoardAsync("csm-1"));

        await cluster.SendAsync(Usage("c-1", "u-1", cluster.Now));
        Assert.Equal(["c-1:detractor:1"], (await cluster.BoardAsync("csm-1")).Select(t => t.Id));
        var snapshot = await cluster.GrainFactory.GetGrain<Interfaces.Portfolio.IPortfolioGrain>("all").GetSnapshotAsync();
        Assert.Equal(1, snapshot.Customers);
        Assert.Equal(1, snapshot.Detractors);
    }

    [Fact]
    public async Task A_board_checkpoints_within_seconds_so_a_later_crash_keeps_it()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        await cluster.SendAsync(Survey("c-1", "s-1", cluster.Now, TouchpointType.SurveyNps, 3));
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(6));

        await cluster.KillAndRestartAsync();
        Assert.Single(await cluster.BoardAsync());
    }
}
