using CustomerSuccess.Actors.Testing;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Portfolio;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSuccess.Grains.Tests.Scenarios;

public sealed class PortfolioPartitionTests
{
    /// <summary>A store whose stored entries arrive when the test says so; it records what is saved.</summary>
    private sealed class SlowStore : IPortfolioEntryStore
    {
        private readonly TaskCompletionSource<Dictionary<string, PortfolioEntry>> _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string[]> Saves { get; } = [];

        public int Loads { get; private set; }

        public void Deliver(params PortfolioEntry[] entries) => _stored.SetResult(entries.ToDictionary(e => e.CustomerId));

        public Task<Dictionary<string, PortfolioEntry>> LoadAsync(string partition, CancellationToken cancellationToken)
        {
            Loads++;
            return _stored.Task;
        }

        public Task SaveAsync(string partition, IReadOnlyDictionary<string, PortfolioEntry> entries, IReadOnlyCollection<string> changed, CancellationToken cancellationToken)
        {
            Saves.Add([.. changed.Order(StringComparer.Ordinal)]);
            return Task.CompletedTask;
        }
    }

    private static PortfolioEntry Entry(string id, HealthBand band) => new(id, "smb", "csm-1", band, 1_000, null, null, new int[RuleNames.Count]);

    private static async Task<InProcessTestCluster> StartAsync(SlowStore store, CheckpointSettings? checkpoints = null)
    {
        var collection = new ServiceCollection().AddSingleton<IPortfolioEntryStore>(store);
        if (checkpoints is not null)
        {
            collection.AddSingleton(checkpoints);
        }

        var services = collection.BuildServiceProvider();
        var cluster = new InProcessTestCluster(builder => builder.UseServices(services).AddCustomerSuccessGrains());
        await cluster.StartAsync();
        return cluster;
    }

    [Fact]
    public async Task Updates_before_a_partition_has_read_its_stored_entries_do_not_wait_for_them_and_win_over_them()
    {
        var store = new SlowStore();
        await using var cluster = await StartAsync(store);
        var partition = cluster.GrainFactory.GetGrain<IPortfolioPartitionGrain>("3");

        await partition.UpdateAsync(Entry("c-1", HealthBand.AtRisk));
        var figures = partition.GetFiguresAsync(null, null, PortfolioWindows.All);
        Assert.False(figures.IsCompleted);

        store.Deliver(Entry("c-1", HealthBand.Healthy), Entry("c-2", HealthBand.Watch));
        var result = await figures;

        Assert.Equal((2, 0, 1, 1), (result.Customers, result.Healthy, result.Watch, result.AtRisk));
    }

    [Fact]
    public async Task A_partition_that_is_only_updated_writes_the_updates_without_ever_reading_its_stored_entries()
    {
        var store = new SlowStore();
        await using var cluster = await StartAsync(store);
        var partition = cluster.GrainFactory.GetGrain<IPortfolioPartitionGrain>("3");

        await partition.UpdateAsync(Entry("c-1", HealthBand.AtRisk));
        await partition.UpdateAsync(Entry("c-2", HealthBand.Watch));
        await cluster.AdvanceAsync(CheckpointSettings.Default.Interval);

        Assert.Equal([["c-1", "c-2"]], store.Saves);
        Assert.Equal(0, store.Loads);
    }

    [Fact]
    public async Task A_partition_writes_only_the_entries_that_changed_and_not_an_entry_re_sent_unchanged()
    {
        var store = new SlowStore();
        await using var cluster = await StartAsync(store);
        var partition = cluster.GrainFactory.GetGrain<IPortfolioPartitionGrain>("3");
        store.Deliver(Entry("c-1", HealthBand.Healthy), Entry("c-2", HealthBand.Watch));
        await partition.GetFiguresAsync(null, null, PortfolioWindows.All);

        await partition.UpdateAsync(Entry("c-1", HealthBand.Healthy));
        await partition.UpdateAsync(Entry("c-2", HealthBand.AtRisk));
        await partition.UpdateAsync(Entry("c-3", HealthBand.Watch));
        await cluster.AdvanceAsync(CheckpointSettings.Default.Interval);

        Assert.Equal([["c-2", "c-3"]], store.Saves);
    }

    [Fact]
    public async Task A_partition_set_to_write_only_at_deactivation_writes_nothing_while_active_and_its_changes_when_deactivated()
    {
        var store = new SlowStore();
        var cluster = await StartAsync(store, CheckpointSettings.OnlyAtDeactivation);
        var partition = cluster.GrainFactory.GetGrain<IPortfolioPartitionGrain>("3");

        await partition.UpdateAsync(Entry("c-1", HealthBand.AtRisk));
        await cluster.AdvanceAsync(10 * CheckpointSettings.Default.Interval);
        Assert.Empty(store.Saves);

        await cluster.DisposeAsync();
        Assert.Equal([["c-1"]], store.Saves);
    }
}
