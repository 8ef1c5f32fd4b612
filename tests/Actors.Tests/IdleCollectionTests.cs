using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Actors.Tests.TestGrains;

namespace CustomerSuccess.Actors.Tests;

public sealed class IdleCollectionTests
{
    [Fact]
    public async Task An_activation_idle_for_the_collection_age_is_deactivated_with_its_state_written()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("idle");
        await counter.AddAsync(7, "seven");

        await cluster.AdvanceAsync(TimeSpan.FromMinutes(14));
        Assert.Equal(1, cluster.Silo.ActivationCount);

        await cluster.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(0, cluster.Silo.ActivationCount);
        Assert.Contains("deactivate:idle:IdleCollection", probe.Events);
        var stored = await cluster.Storage.ReadAsync(new GrainStateKey("counter", "idle", "counter"), default);
        Assert.Equal(7, GrainStateSerializer.Deserialize<CounterState>(stored!.Json).Count);

        Assert.Equal(8, await counter.IncrementAsync());
        Assert.Contains("activate:idle:7", probe.Events);
    }

    [Fact]
    public async Task A_call_resets_the_idle_clock()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("busy");
        await counter.IncrementAsync();

        await cluster.AdvanceAsync(TimeSpan.FromMinutes(10));
        await counter.IncrementAsync();
        await cluster.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(1, cluster.Silo.ActivationCount);
        await cluster.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(0, cluster.Silo.ActivationCount);
    }

    [Fact]
    public async Task The_collection_age_is_configurable()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe, options: o => o.CollectionAge = TimeSpan.FromMinutes(2));
        await cluster.StartAsync();
        await cluster.GrainFactory.GetGrain<ICounterGrain>("short").IncrementAsync();

        await cluster.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(0, cluster.Silo.ActivationCount);
    }

    [Fact]
    public async Task A_grain_that_asks_to_deactivate_is_reactivated_by_the_next_call_with_its_state()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("asks");
        await counter.AddAsync(3, "three");

        await counter.DeactivateAsync();
        Assert.Equal(4, await counter.IncrementAsync());

        Assert.Contains("deactivate:asks:ApplicationRequested", probe.Events);
        Assert.Equal(2, probe.Events.Count(e => e.StartsWith("activate:asks", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_graceful_restart_writes_state_and_the_new_silo_reads_it()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        await cluster.GrainFactory.GetGrain<ICounterGrain>("restart").AddAsync(11, "eleven");

        await cluster.RestartAsync();

        Assert.Contains("deactivate:restart:SiloShutdown", probe.Events);
        Assert.Equal(11, await cluster.GrainFactory.GetGrain<ICounterGrain>("restart").GetAsync());
    }

    [Fact]
    public async Task A_crash_loses_unwritten_state_but_keeps_written_state()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("crash");
        await counter.AddAsync(5, "saved");
        await counter.SaveAsync();
        await counter.AddAsync(100, "not saved");

        await cluster.KillAndRestartAsync();

        Assert.Equal(5, await cluster.GrainFactory.GetGrain<ICounterGrain>("crash").GetAsync());
        Assert.DoesNotContain("deactivate:crash:SiloShutdown", probe.Events);
    }

    [Fact]
    public async Task Calls_keep_the_order_they_were_sent_in_while_the_grain_deactivates_between_them()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("ordered");
        const int Calls = 3_000;
        var calls = new Task[Calls];

        // A plain thread never runs a turn inline, so its calls race the deactivations on the pool.
        var sender = new Thread(() =>
        {
            for (var i = 0; i < Calls; i++)
            {
                calls[i] = counter.RecordThenDeactivateAsync($"call:{i}");
            }
        });
        sender.Start();
        await Task.Run(sender.Join);
        await Task.WhenAll(calls);

        var order = probe.Events.Where(e => e.StartsWith("call:", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, Calls).Select(i => $"call:{i}"), order);
        Assert.True(probe.Count("deactivate:ordered:ApplicationRequested") > 1);
    }
}
