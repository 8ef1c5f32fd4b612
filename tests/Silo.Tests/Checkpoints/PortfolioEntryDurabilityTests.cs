using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Time;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.Checkpoints;
using CustomerSuccess.Silo.Ingestion;
using CustomerSuccess.Silo.Tests.Ingestion;
using CustomerSuccess.Silo.Tests.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CustomerSuccess.Silo.Tests.Checkpoints;

/// <summary>
/// A portfolio partition writes its entries on a timer. An entry must not be left only in its memory
/// when the change behind it will not be replayed after a crash: the customer would never send it again.
/// The clock is virtual, so the partitions' timer never fires here.
/// </summary>
[Collection("postgres")]
public sealed class PortfolioEntryDurabilityTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_profile_change_has_its_portfolio_entry_written_before_the_call_returns()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("entry-direct");
        await using var host = await SiloHosts.StartAsync(connectionString, new VirtualClock(Now));
        var customer = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>("c-1");

        await customer.SetProfileAsync(new CustomerProfile("Acme", "smb", "anna", 1_000, null));
        Assert.Equal("anna", await StoredOwnerAsync(connectionString, "c-1"));

        await customer.SetProfileAsync(new CustomerProfile("Acme", "smb", "ben", 1_000, null));
        Assert.Equal("ben", await StoredOwnerAsync(connectionString, "c-1"));
    }

    [Fact]
    public async Task A_checkpoint_writes_the_portfolio_entries_of_the_events_it_covers_before_its_watermark()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("entry-checkpoint");
        await using var host = await SiloHosts.StartAsync(connectionString, new VirtualClock(Now));
        await host.Services.GetRequiredService<IEventIngestor>().IngestAsync(
            [new TouchpointEvent("s-1", "c-2", TouchpointType.SurveyNps, Now.AddMinutes(-5), Channel.Survey, Score: 2)], default);
        Assert.Null(await StoredNpsAsync(connectionString, "c-2"));

        Assert.True(await host.Services.GetRequiredService<LogCheckpointer>().CheckpointAsync(default));

        Assert.Equal(1, host.Services.GetRequiredService<LogCheckpointer>().Stored);
        Assert.Equal((short)2, await StoredNpsAsync(connectionString, "c-2"));
    }

    private static async Task<string?> StoredOwnerAsync(string connectionString, string customerId) =>
        await ScalarAsync(connectionString, "SELECT owner_id FROM portfolio_entries WHERE customer_id = $1", customerId) as string;

    private static async Task<short?> StoredNpsAsync(string connectionString, string customerId) =>
        await ScalarAsync(connectionString, "SELECT latest_nps FROM portfolio_entries WHERE customer_id = $1", customerId) as short?;

    private static async Task<object?> ScalarAsync(string connectionString, string sql, string customerId)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand(sql);
        command.Parameters.AddWithValue(customerId);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
