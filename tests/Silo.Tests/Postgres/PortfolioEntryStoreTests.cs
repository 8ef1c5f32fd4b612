using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Portfolio;
using CustomerSuccess.Silo.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CustomerSuccess.Silo.Tests.Postgres;

[Collection("postgres")]
public sealed class PortfolioEntryStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static PortfolioEntry Entry(string id, HealthBand? band = HealthBand.Watch, int? nps = 7, string? owner = "csm-1") =>
        new(id, "smb", owner, band, 12_500.50m, nps, band == HealthBand.AtRisk ? Now : null, [0, 2, 0, 0, 1, 0, 0, 0, 0, 0]);

    [Fact]
    public async Task Saves_look_their_entries_up_by_the_primary_key_when_the_table_has_grown_since_they_were_planned()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        await using var engine = TableReads.OneEngineConnection(db);
        var store = new PostgresPortfolioEntryStore(engine);
        var entries = new Dictionary<string, PortfolioEntry>();
        async Task SaveEightAsync(int nps)
        {
            for (var i = 0; i < 8; i++)
            {
                entries[$"c-{i}"] = Entry($"c-{i}", nps: nps);
                await store.SaveAsync("7", entries, [$"c-{i}"], default);
            }
        }

        // Planned on eight rows, inserted and then changed.
        var reads = await TableReads.AfterGrowthAsync(engine, db, "portfolio_entries",
            onYoungTable: async () =>
            {
                await SaveEightAsync(1);
                await SaveEightAsync(2);
            },
            grow: async () =>
            {
                await using var grow = db.CreateCommand("""
                    INSERT INTO portfolio_entries (partition, customer_id, segment, owner_id, band, annual_value, latest_nps, entered_at_risk_at, open_tasks_by_rule)
                    SELECT 7, 'bulk-' || i, 'smb', 'csm-1', 1, 100, 7, NULL, '{0,0,0,0,0,0,0,0,0,0}' FROM generate_series(1, 20000) i
                    """);
                await grow.ExecuteNonQueryAsync();
            },
            onGrownTable: () => SaveEightAsync(3));

        Assert.Equal(0, reads.SequentialScans);
        // Eight entries saved: a few index fetches each, not a pass over 20,008 rows.
        Assert.InRange(reads.IndexFetches, 0, 1_000);
        var loaded = await store.LoadAsync("7", default);
        Assert.Equal(20_008, loaded.Count);
        Assert.Equal(Entry("c-5", nps: 3), loaded["c-5"]);
    }

    [Fact]
    public async Task A_partition_reads_back_exactly_the_entries_it_saved_and_a_save_of_some_leaves_the_others()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresPortfolioEntryStore(db);
        var entries = new Dictionary<string, PortfolioEntry>
        {
            ["c-1"] = Entry("c-1"),
            ["c-2"] = Entry("c-2", band: HealthBand.AtRisk, nps: null, owner: null),
            ["c-3"] = Entry("c-3", band: null),
            ["c-4"] = Entry("c-4", band: HealthBand.AtRisk) with
            {
                ChurnedAt = Now.AddDays(-2),
                LatestNpsAt = Now.AddDays(-30),
                // Owner ids may hold quotes, commas, backslashes, even the word NULL.
                Outreach =
                [
                    new(Now.AddHours(-5), TimeSpan.FromMinutes(95), true, "anna \"a\", b\\c {x}"),
                    new(Now.AddDays(-9), TimeSpan.FromDays(3), false),
                    new(Now.AddDays(-10), TimeSpan.FromHours(1), true, "NULL"),
                ],
            },
        };
        await store.SaveAsync("7", entries, ["c-1", "c-2", "c-3", "c-4"], default);

        entries["c-2"] = Entry("c-2", band: HealthBand.Healthy, nps: 10);
        entries["c-3"] = Entry("c-3", band: HealthBand.AtRisk);
        await store.SaveAsync("7", entries, ["c-2"], default);

        var loaded = await store.LoadAsync("7", default);
        Assert.Equal(Entry("c-1"), loaded["c-1"]);
        Assert.Equal(Entry("c-2", band: HealthBand.Healthy, nps: 10), loaded["c-2"]);
        Assert.Equal(Entry("c-3", band: null), loaded["c-3"]);
        Assert.Equal((Now.AddDays(-2), Now.AddDays(-30)), (loaded["c-4"].ChurnedAt, loaded["c-4"].LatestNpsAt));
        Assert.Equal(entries["c-4"], loaded["c-4"]);
        Assert.Equal(entries["c-4"].Outreach, loaded["c-4"].Outreach);
        Assert.Null(loaded["c-1"].ChurnedAt);
        Assert.Null(loaded["c-1"].Outreach);
        Assert.Empty(await store.LoadAsync("8", default));
    }

    [Fact]
    public async Task A_stored_entry_takes_a_cancellation_a_newer_answer_and_completed_tasks_on_its_next_save()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresPortfolioEntryStore(db);
        var entries = new Dictionary<string, PortfolioEntry> { ["c-1"] = Entry("c-1") with { LatestNpsAt = Now.AddDays(-40) } };
        await store.SaveAsync("2", entries, ["c-1"], default);

        // Each of the newer fields alone is a change the update must not skip.
        var versions = new[]
        {
            entries["c-1"] with { ChurnedAt = Now },
            entries["c-1"] with { ChurnedAt = Now, LatestNpsAt = Now.AddDays(-1) },
            entries["c-1"] with { ChurnedAt = Now, LatestNpsAt = Now.AddDays(-1), Outreach = [new(Now, TimeSpan.FromHours(2), true)] },
        };
        foreach (var version in versions)
        {
            entries["c-1"] = version;
            await store.SaveAsync("2", entries, ["c-1"], default);
            Assert.Equal(version, (await store.LoadAsync("2", default))["c-1"]);
        }
    }

    [Fact]
    public async Task Saving_an_entry_the_table_already_holds_neither_rewrites_nor_locks_its_row()
    {
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresPortfolioEntryStore(db);
        var entries = new Dictionary<string, PortfolioEntry>
        {
            ["c-1"] = Entry("c-1", band: HealthBand.AtRisk, nps: null, owner: null),
            ["c-2"] = Entry("c-2"),
        };
        await store.SaveAsync("3", entries, ["c-1", "c-2"], default);
        var first = await RowsAsync(db);

        entries["c-2"] = Entry("c-2", nps: 3);
        await store.SaveAsync("3", entries, ["c-1", "c-2"], default);
        var second = await RowsAsync(db);

        Assert.Equal(first["c-1"], second["c-1"]);
        Assert.Equal("0", second["c-1"].Xmax);
        Assert.NotEqual(first["c-2"].Xmin, second["c-2"].Xmin);
        Assert.Equal(entries.OrderBy(e => e.Key), (await store.LoadAsync("3", default)).OrderBy(e => e.Key));
    }

    private static async Task<Dictionary<string, (string Xmin, string Xmax)>> RowsAsync(NpgsqlDataSource db)
    {
        var rows = new Dictionary<string, (string, string)>();
        await using var command = db.CreateCommand("SELECT customer_id, xmin::text, xmax::text FROM portfolio_entries");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return rows;
    }

    [Fact]
    public async Task Migrating_moves_a_partition_document_of_an_earlier_version_to_one_row_per_customer()
    {
        await using var db = NpgsqlDataSource.Create(await postgres.Server.CreateDatabaseAsync());
        var earlier = SchemaMigrator.Migrations.Where(m => m.Version <= 4).ToList();
        foreach (var migration in earlier)
        {
            await using var apply = db.CreateCommand(migration.Sql);
            await apply.ExecuteNonQueryAsync();
        }

        await using (var versions = db.CreateCommand("CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"))
        {
            await versions.ExecuteNonQueryAsync();
        }

        foreach (var migration in earlier)
        {
            await using var record = db.CreateCommand($"INSERT INTO schema_version (version, name) VALUES ({migration.Version}, '{migration.Name}')");
            await record.ExecuteNonQueryAsync();
        }

        var partition = new PortfolioPartitionState();
        partition.Entries["c-1"] = Entry("c-1");
        partition.Entries["c-2"] = Entry("c-2", band: HealthBand.AtRisk, nps: null, owner: null);
        partition.Entries["c-3"] = Entry("c-3", band: null);
        var storage = new PostgresGrainStorage(db);
        await storage.WriteAsync(new GrainStateKey("portfolio-partition", "5", "portfolio"), GrainStateSerializer.Serialize(partition, GrainStateJson.Default.PortfolioPartitionState), null, default);
        await storage.WriteAsync(new GrainStateKey("task-board", "csm-1", "tasks"), "{}"u8.ToArray(), null, default);
        await storage.DisposeAsync();

        Assert.Equal(SchemaMigrator.Migrations.Count - earlier.Count, await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync());

        var loaded = await new PostgresPortfolioEntryStore(db).LoadAsync("5", default);
        Assert.Equal(partition.Entries.OrderBy(e => e.Key), loaded.OrderBy(e => e.Key));
        await using var left = db.CreateCommand("SELECT count(*) FROM grain_state WHERE grain_type IN ('portfolio-partition', 'task-board')");
        Assert.Equal(0L, (long)(await left.ExecuteScalarAsync())!);
    }
}
