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
