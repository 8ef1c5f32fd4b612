using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Silo.Portfolio;

namespace CustomerSuccess.Silo.Tests.Postgres;

[Collection("postgres")]
public sealed class PortfolioHistoryTests(PostgresFixture postgres)
{
    private static PortfolioSnapshot Snapshot(DateOnly day, int customers, string? segment = null, string? ownerId = null) => new(
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), segment, ownerId, customers,
        new Dictionary<HealthBand, int> { [HealthBand.Healthy] = customers - 3, [HealthBand.AtRisk] = 3 },
        1_500m, 10, 5, 3, 14.3, ["c1", "c2"], new Dictionary<RuleId, int> { [RuleId.Detractor] = 3 });

    [Fact]
    public async Task Daily_snapshots_survive_a_restart_and_come_back_oldest_first_within_the_range()
    {
        var day = new DateOnly(2026, 10, 1);
        await using (var db = await postgres.CreateMigratedDatabaseAsync())
        {
            var history = new PostgresPortfolioHistory(db);
            for (var i = 0; i < 5; i++)
            {
                await history.RecordAsync(day.AddDays(i), [Snapshot(day.AddDays(i), 100 + i)], default);
            }

            // Recording a day again replaces it.
            await history.RecordAsync(day.AddDays(2), [Snapshot(day.AddDays(2), 999)], default);

            // A new process, a new data source over the same database.
            await using var again = Npgsql.NpgsqlDataSource.Create(db.ConnectionString);
            var points = await new PostgresPortfolioHistory(again).BetweenAsync(day.AddDays(1), day.AddDays(3), PortfolioScope.All, default);

            Assert.Equal([day.AddDays(1), day.AddDays(2), day.AddDays(3)], points.Select(p => p.Day));
            Assert.Equal([101, 999, 103], points.Select(p => p.Snapshot.Customers));
            Assert.Equal(3, points[0].Snapshot.CustomersByBand[HealthBand.AtRisk]);
            Assert.Equal(3, points[0].Snapshot.OpenTasksByRule[RuleId.Detractor]);
            Assert.Equal(["c1", "c2"], points[0].Snapshot.EnteredAtRiskLast7Days);
        }
    }

    [Fact]
    public async Task Two_engines_recording_the_same_day_at_once_both_succeed_and_leave_one_of_them_whole()
    {
        var day = new DateOnly(2026, 10, 1);
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        PortfolioSnapshot[] first = [Snapshot(day, 10), .. Enumerable.Range(0, 40).Select(i => Snapshot(day, 1, ownerId: $"csm-{i:D2}"))];
        PortfolioSnapshot[] second = [Snapshot(day, 20), .. Enumerable.Range(20, 40).Select(i => Snapshot(day, 2, ownerId: $"csm-{i:D2}")).Reverse()];
        for (var round = 0; round < 5; round++)
        {
            // Each on its own connection, as two processes would be.
            await Task.WhenAll(
                Task.Run(() => new PostgresPortfolioHistory(db).RecordAsync(day, first, default)),
                Task.Run(() => new PostgresPortfolioHistory(db).RecordAsync(day, second, default)));

            await using var read = db.CreateCommand("SELECT owner_id, (snapshot->>'customers')::int FROM (SELECT owner_id, convert_from(snapshot, 'UTF8')::jsonb AS snapshot FROM portfolio_daily) d ORDER BY owner_id");
            var rows = new List<(string, int)>();
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows.Add((reader.GetString(0), reader.GetInt32(1)));
                }
            }

            var expectFirst = first.Select(x => (x.OwnerId ?? "", x.Customers)).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
            var expectSecond = second.Select(x => (x.OwnerId ?? "", x.Customers)).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
            Assert.True(rows.SequenceEqual(expectFirst) || rows.SequenceEqual(expectSecond), $"round {round}: {rows.Count} rows, a mix of both");
        }
    }

    [Fact]
    public async Task Each_scope_has_its_own_points_and_recording_a_day_again_replaces_all_of_its_scopes()
    {
        var day = new DateOnly(2026, 10, 1);
        await using var db = await postgres.CreateMigratedDatabaseAsync();
        var history = new PostgresPortfolioHistory(db);
        await history.RecordAsync(day, [Snapshot(day, 10), Snapshot(day, 4, segment: "smb"), Snapshot(day, 6, ownerId: "anna"), Snapshot(day, 3, "smb", "anna"), Snapshot(day, 1, ownerId: "ben")], default);
        await history.RecordAsync(day.AddDays(1), [Snapshot(day, 11), Snapshot(day, 5, segment: "smb")], default);
        // Recorded again without ben (he left that day): his point goes.
        await history.RecordAsync(day, [Snapshot(day, 10), Snapshot(day, 4, segment: "smb"), Snapshot(day, 6, ownerId: "anna"), Snapshot(day, 3, "smb", "anna")], default);

        async Task<int[]> CustomersAsync(string? segment, string? ownerId) =>
            [.. (await history.BetweenAsync(day, day.AddDays(1), new PortfolioScope(segment, ownerId), default)).Select(p => p.Snapshot.Customers)];

        Assert.Equal(new[] { 10, 11 }, await CustomersAsync(null, null));
        Assert.Equal(new[] { 4, 5 }, await CustomersAsync("smb", null));
        Assert.Equal(new[] { 6 }, await CustomersAsync(null, "anna"));
        Assert.Equal(new[] { 3 }, await CustomersAsync("smb", "anna"));
        Assert.Empty(await CustomersAsync(null, "ben"));
        Assert.Equal("anna", (await history.BetweenAsync(day, day, new PortfolioScope("smb", "anna"), default))[0].Snapshot.OwnerId);

        // A year on, the first day is beyond the kept range and goes; the second is the oldest kept.
        var yearOn = day.AddDays(IPortfolioHistory.MaxDays);
        await history.RecordAsync(yearOn, [Snapshot(yearOn, 12)], default);
        var kept = await history.BetweenAsync(DateOnly.MinValue, yearOn, PortfolioScope.All, default);
        Assert.Equal([day.AddDays(1), yearOn], kept.Select(p => p.Day));
        Assert.Empty(await history.BetweenAsync(DateOnly.MinValue, yearOn, new PortfolioScope("smb", "anna"), default));
    }
}
