using CustomerSuccess.Silo.Hosting;
using CustomerSuccess.Silo.Ingestion;
using CustomerSuccess.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CustomerSuccess.Silo.Tests.Ingestion;

/// <summary>Its own server, since it stops it.</summary>
public sealed class PostgresOutageTests
{
    [Fact]
    public async Task With_PostgreSQL_down_ingestion_fails_cleanly_and_readiness_drops_then_both_recover_without_a_restart()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await using var host = await SiloHosts.StartAsync(connectionString);
        var ingestor = host.Services.GetRequiredService<IEventIngestor>();
        var health = host.Services.GetRequiredService<IStorageHealth>();
        var history = SiloHosts.History(3, DateTimeOffset.UtcNow);
        await ingestor.IngestAsync(history.Take(10).ToList(), default);

        await server.StopServerAsync();
        Assert.False(await health.IsReadyAsync(default));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => ingestor.IngestAsync(history.Skip(10).Take(10).ToList(), default));

        await server.StartServerAsync();
        Assert.True(await health.IsReadyAsync(default));
        var after = await ingestor.IngestAsync(history.Skip(10).ToList(), default);

        // Nothing of the refused batch was stored: all of it is new now.
        Assert.Equal((history.Count - 10, 0), (after.Accepted, after.Duplicates));
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var count = db.CreateCommand("SELECT count(*) FROM events");
        Assert.Equal((long)history.Count, (long)(await count.ExecuteScalarAsync())!);
        await host.StopAsync();
    }
}
