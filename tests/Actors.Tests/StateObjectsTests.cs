using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Actors.Testing;
using CustomerSuccess.Actors.Tests.TestGrains;

namespace CustomerSuccess.Actors.Tests;

/// <summary>SiloOptions.KeepStateObjects: states stay live objects (a replay's mode), with the same lifecycle and ETags.</summary>
public sealed class StateObjectsTests
{
    private static InProcessTestCluster Cluster(MemoryGrainStorage? storage = null) => new(
        builder => builder
            .Configure(o => o.KeepStateObjects = true)
            .AddGrain<ICounterGrain, CounterGrain>("counter", ctx => new CounterGrain(ctx.PersistentState<CounterState>("counter"), new Probe())),
        storage: storage);

    [Fact]
    public async Task Kept_state_objects_survive_deactivation_without_reaching_the_storage_provider()
    {
        var storage = new MemoryGrainStorage();
        await using var cluster = Cluster(storage);
        await cluster.StartAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("c");

        await counter.AddAsync(5, "first");
        await counter.SaveAsync();
        await counter.DeactivateAsync();
        await cluster.WhenIdleAsync();

        Assert.Equal(5, await counter.GetAsync());
        Assert.Equal(0, storage.Count);
    }

    [Fact]
    public async Task A_restarted_silo_starts_without_the_previous_silos_objects()
    {
        await using var cluster = Cluster();
        await cluster.StartAsync();
        await cluster.GrainFactory.GetGrain<ICounterGrain>("c").AddAsync(3, "before");

        await cluster.RestartAsync();

        Assert.Equal(0, await cluster.GrainFactory.GetGrain<ICounterGrain>("c").GetAsync());
    }

    [Fact]
    public async Task A_stale_writer_of_a_kept_object_gets_an_etag_conflict()
    {
        var type = new SiloBuilder().AddGrain<ICounterGrain, CounterGrain>("counter", _ => throw new NotSupportedException()).Build().GrainTypes.Single();
        var objects = new GrainStateObjects();
        var first = new PersistentState<CounterState>(new MemoryGrainStorage(), new GrainId(type, "k"), "counter", objects: objects);
        var second = new PersistentState<CounterState>(new MemoryGrainStorage(), new GrainId(type, "k"), "counter", objects: objects);
        await first.ReadStateAsync();
        await second.ReadStateAsync();
        first.State.Count = 2;
        await first.WriteStateAsync();

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => second.WriteStateAsync());

        Assert.Equal(first.Etag, error.StoredEtag);
        var reader = new PersistentState<CounterState>(new MemoryGrainStorage(), new GrainId(type, "k"), "counter", objects: objects);
        await reader.ReadStateAsync();
        Assert.Same(first.State, reader.State);
    }
}
