using CustomerSuccess.Grains;
using CustomerSuccess.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSuccess.Silo.Tests.Hosting;

/// <summary>Which checkpoint cadence the aggregating grains get from each storage mode.</summary>
public sealed class CheckpointModeTests
{
    [Fact]
    public async Task In_memory_mode_boards_and_partitions_write_only_at_deactivation()
    {
        await using var services = Build(new Dictionary<string, string?>());

        var settings = services.GetRequiredService<CheckpointSettings>();

        Assert.False(settings.HasTimer);
        Assert.Same(CheckpointSettings.OnlyAtDeactivation, settings);
    }

    [Fact]
    public async Task In_postgres_mode_partitions_keep_writing_their_changes_on_the_default_timer()
    {
        // Nothing connects while the services are only built.
        await using var services = Build(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=nobody" });

        Assert.Null(services.GetService<CheckpointSettings>());
        Assert.True(CheckpointSettings.Default.HasTimer);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddCustomerSuccessSilo(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
