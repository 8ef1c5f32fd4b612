using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Actors.Tests.TestGrains;

namespace CustomerSuccess.Actors.Tests;

public sealed class ActivationTests
{
    [Fact]
    public async Task A_reference_activates_nothing_until_its_first_call()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();

        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("a");
        Assert.Equal(0, cluster.Silo.ActivationCount);

        Assert.Equal(1, await counter.IncrementAsync());
        Assert.Equal(1, cluster.Silo.ActivationCount);
        Assert.Equal(["activate:a:0"], probe.Events);
    }

    [Fact]
    public async Task State_is_loaded_before_OnActivateAsync_runs()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.Storage.WriteAsync(
            new GrainStateKey("counter", "loaded", "counter"), GrainStateSerializer.Serialize(new CounterState { Count = 41 }), null, default);
        await cluster.StartAsync();

        Assert.Equal(42, await cluster.GrainFactory.GetGrain<ICounterGrain>("loaded").IncrementAsync());
        Assert.Contains("activate:loaded:41", probe.Events);
    }

    [Fact]
    public async Task Calls_queued_during_an_asynchronous_activation_run_once_it_completes()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ISlowStartGrain>("slow");

        var answers = await Task.WhenAll(grain.HelloAsync(), grain.HelloAsync(), grain.HelloAsync()).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(answers, answer => Assert.Equal("hello after activation", answer));
    }

    [Fact]
    public async Task References_with_the_same_key_reach_one_activation()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();

        await cluster.GrainFactory.GetGrain<ICounterGrain>("same").IncrementAsync();
        await cluster.GrainFactory.GetGrain<ICounterGrain>("same").IncrementAsync();

        Assert.Equal(2, await cluster.GrainFactory.GetGrain<ICounterGrain>("same").GetAsync());
        Assert.Equal(1, cluster.Silo.ActivationCount);
    }

    [Fact]
    public async Task An_exception_reaches_the_caller_and_the_activation_keeps_working()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("faulty");
        await counter.IncrementAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => counter.FailAsync("boom"));

        Assert.Equal("boom", error.Message);
        Assert.Equal(2, await counter.IncrementAsync());
        Assert.Equal(1, probe.Count("activate:faulty:0"));
    }

    [Fact]
    public async Task Arguments_of_several_parameters_reach_the_grain()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();

        Assert.Equal(5, await cluster.GrainFactory.GetGrain<ICounterGrain>("args").AddAsync(5, "five"));
        await cluster.GrainFactory.GetGrain<ICounterGrain>("args").SaveAsync();

        var stored = await cluster.Storage.ReadAsync(new GrainStateKey("counter", "args", "counter"), default);
        Assert.Equal("five", GrainStateSerializer.Deserialize<CounterState>(stored!.Json).LastNote);
    }

    [Fact]
    public async Task A_grain_calls_another_grain_through_its_factory()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();

        var result = await cluster.GrainFactory.GetGrain<IRelayGrain>("relay").IncrementCounterAsync("target", 3);

        Assert.Equal(3, result);
        Assert.Equal(3, await cluster.GrainFactory.GetGrain<ICounterGrain>("target").GetAsync());
    }

    [Fact]
    public async Task An_unregistered_interface_is_refused_clearly()
    {
        await using var cluster = new Testing.InProcessTestCluster(_ => { });
        await cluster.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => cluster.GrainFactory.GetGrain<ICounterGrain>("x"));
        Assert.Contains(nameof(ICounterGrain), error.Message);
    }

    [Fact]
    public async Task A_grain_cannot_be_constructed_with_new()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new RelayGrain());
        Assert.Contains("GetGrain", error.Message);
        await Task.CompletedTask;
    }
}
