using CustomerSuccess.Actors.Tests.TestGrains;

namespace CustomerSuccess.Actors.Tests;

public sealed class GrainTimerTests
{
    [Fact]
    public async Task A_timer_ticks_as_turns_at_its_due_time_and_period()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var ticker = cluster.GrainFactory.GetGrain<ITickerGrain>("t");
        var start = cluster.Now;

        await ticker.StartTimerAsync(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
        await cluster.AdvanceAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(3, await ticker.GetTicksAsync());
        var expected = new[] { 0.5, 1.5, 2.5 }.Select(m => $"tick:t:{start.AddMinutes(m):O}");
        Assert.Equal(expected, probe.Events.Where(e => e.StartsWith("tick:", StringComparison.Ordinal)));
        Assert.DoesNotContain("overlap", probe.Events);
    }

    [Fact]
    public async Task A_disposed_timer_stops_ticking()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var ticker = cluster.GrainFactory.GetGrain<ITickerGrain>("stop");
        await ticker.StartTimerAsync(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await cluster.AdvanceAsync(TimeSpan.FromMinutes(2));

        await ticker.StopTimerAsync();
        await cluster.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(2, await ticker.GetTicksAsync());
    }

    [Fact]
    public async Task A_timer_does_not_keep_its_activation_alive_and_dies_with_it()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        await cluster.GrainFactory.GetGrain<ITickerGrain>("alive").StartTimerAsync(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        await cluster.AdvanceAsync(TimeSpan.FromMinutes(16));
        var ticksBeforeCollection = probe.Events.Count(e => e.StartsWith("tick:alive", StringComparison.Ordinal));
        await cluster.AdvanceAsync(TimeSpan.FromMinutes(30));

        Assert.Contains("deactivate:alive:IdleCollection", probe.Events);
        Assert.Equal(0, cluster.Silo.ActivationCount);
        Assert.InRange(ticksBeforeCollection, 14, 16);
        Assert.Equal(ticksBeforeCollection, probe.Events.Count(e => e.StartsWith("tick:alive", StringComparison.Ordinal)));
    }
}
