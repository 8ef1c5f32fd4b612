using System.Text;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Silo.EventLog;
using CustomerSuccess.Silo.Storage.Postgres;
using CustomerSuccess.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CustomerSuccess.Silo.Tests.Postgres;

/// <summary>Its own server, since it stops it.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task With_the_server_down_appends_and_writes_fail_cleanly_and_work_again_when_it_is_back()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var db = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        var log = new PostgresEventLog(db);
        await using var storage = new PostgresGrainStorage(db);
        var at = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        LogEvent Event(string id) => new(id, "c", 0, at, Encoding.UTF8.GetBytes("{}"));
        await log.AppendAsync([Event("before")], default);

        await server.StopServerAsync();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => log.AppendAsync([Event("during-1"), Event("during-2")], default));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => storage.WriteAsync(new GrainStateKey("t", "k", "s"), Encoding.UTF8.GetBytes("{}"), null, default));

        await server.StartServerAsync();
        var after = await log.AppendAsync([Event("during-1"), Event("after")], default);

        // Nothing of the failed batch was half-written: "during-1" is new now, not a duplicate.
        Assert.Equal((2, 0), (after.Accepted, after.Duplicates));
        Assert.Equal(["before", "during-1", "after"], (await log.ReadAsync(0, 10, default)).Select(e => e.Event.EventId));
        Assert.Equal("1", await storage.WriteAsync(new GrainStateKey("t", "k", "s"), Encoding.UTF8.GetBytes("{}"), null, default));
    }
}
