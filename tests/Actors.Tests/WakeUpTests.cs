using CustomerSuccess.Actors.Tests.TestGrains;
using CustomerSuccess.Actors.WakeUps;

namespace CustomerSuccess.Actors.Tests;

public sealed class WakeUpTests
{
    private static string[] WakeUps(Probe probe) => probe.Events.Where(e => e.StartsWith("wake:", StringComparison.Ordinal)).ToArray();

    [Fact]
    public async Task A_wake_up_fires_exactly_at_its_due_time_and_not_before()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var due = cluster.Now.AddHours(2);
        await cluster.GrainFactory.GetGrain<ITickerGrain>("w").SetWakeUpAsync(due);

        await cluster.AdvanceAsync(TimeSpan.FromHours(2) - TimeSpan.FromTicks(1));
        Assert.Empty(WakeUps(probe));

        await cluster.AdvanceAsync(TimeSpan.FromTicks(1));
        Assert.Equal([$"wake:w:{due:O}@{due:O}"], WakeUps(probe));
    }

    [Fact]
    public async Task Setting_a_new_due_time_replaces_the_old_one_and_null_clears_it()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ITickerGrain>("moved");
        var first = cluster.Now.AddHours(1);
        var second = cluster.Now.AddHours(3);

        await grain.SetWakeUpAsync(first);
        await grain.SetWakeUpAsync(second);
        await cluster.AdvanceAsync(TimeSpan.FromHours(4));
        await cluster.GrainFactory.GetGrain<ITickerGrain>("cleared").SetWakeUpAsync(cluster.Now.AddHours(1));
        await cluster.GrainFactory.GetGrain<ITickerGrain>("cleared").SetWakeUpAsync(null);
        await cluster.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal([$"wake:moved:{second:O}@{second:O}"], WakeUps(probe));
    }

    [Fact]
    public async Task A_wake_up_activates_a_grain_that_was_collected()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var due = cluster.Now.AddDays(1);
        await cluster.GrainFactory.GetGrain<ITickerGrain>("sleeper").SetWakeUpAsync(due);

        await cluster.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(0, cluster.Silo.ActivationCount);
        await cluster.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Equal([$"wake:sleeper:{due:O}@{due:O}"], WakeUps(probe));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_wake_up_survives_a_silo_restart(bool crash)
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var due = cluster.Now.AddHours(6);
        await cluster.GrainFactory.GetGrain<ITickerGrain>("durable").SetWakeUpAsync(due);

        if (crash)
        {
            await cluster.KillAndRestartAsync();
        }
        else
        {
            await cluster.RestartAsync();
        }

        await cluster.AdvanceAsync(TimeSpan.FromHours(7));
        Assert.Equal([$"wake:durable:{due:O}@{due:O}"], WakeUps(probe));
    }

    [Fact]
    public async Task A_due_time_already_past_fires_at_once()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var past = cluster.Now.AddDays(-3);

        await cluster.GrainFactory.GetGrain<ITickerGrain>("late").SetWakeUpAsync(past);
        await cluster.AdvanceAsync(TimeSpan.Zero);

        Assert.Equal([$"wake:late:{past:O}@{cluster.Now:O}"], WakeUps(probe));
    }

    [Fact]
    public async Task Many_grains_fire_in_due_order_each_once()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var start = cluster.Now;
        var random = new Random(7);
        var dues = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < 2_000; i++)
        {
            var due = start.AddSeconds(random.Next(1, 3_600));
            dues[$"g{i}"] = due;
            await cluster.GrainFactory.GetGrain<ITickerGrain>($"g{i}").SetWakeUpAsync(due);
        }

        await cluster.AdvanceAsync(TimeSpan.FromHours(1));

        var fired = WakeUps(probe);
        Assert.Equal(2_000, fired.Length);
        foreach (var line in fired)
        {
            var key = line.Split(':')[1];
            Assert.Equal($"wake:{key}:{dues[key]:O}@{dues[key]:O}", line);
        }

        Assert.Equal(0, ((MemoryWakeUpStore)cluster.WakeUps).Count);
    }

    [Fact]
    public async Task A_wake_up_months_away_is_accepted_on_the_system_clock()
    {
        // System timers refuse delays over ~49.7 days; a customer's renewal check can be months away.
        var probe = new Probe();
        var store = new MemoryWakeUpStore();
        var silo = new Runtime.SiloBuilder()
            .UseWakeUpStore(store)
            .AddGrain<ITickerGrain, TickerGrain>("ticker", ctx => new TickerGrain(probe))
            .Build();
        await silo.StartAsync();
        var due = DateTimeOffset.UtcNow.AddDays(120);

        await silo.GetGrain<ITickerGrain>("far").SetWakeUpAsync(due);

        Assert.Equal(due, await store.GetNextDueAsync(CancellationToken.None));
        await silo.StopAsync();
    }

    [Fact]
    public async Task A_wake_up_further_away_than_the_longest_timer_still_fires_exactly_on_time()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var due = cluster.Now.AddDays(120);
        await cluster.GrainFactory.GetGrain<ITickerGrain>("far").SetWakeUpAsync(due);

        await cluster.AdvanceAsync(TimeSpan.FromDays(120) - TimeSpan.FromTicks(1));
        Assert.Empty(WakeUps(probe));

        await cluster.AdvanceAsync(TimeSpan.FromTicks(1));
        Assert.Equal([$"wake:far:{due:O}@{due:O}"], WakeUps(probe));
    }
}
