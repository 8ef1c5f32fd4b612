using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Silo.Portfolio;

namespace CustomerSuccess.Silo.Tests.Postgres;

[Collection("postgres")]
public sealed class PortfolioHistoryTests(PostgresFixture postgres)
{
    private static PortfolioSnapshot Snapshot(DateOnly day, int customers) => new(
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), null, null, customers,
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
                await history.RecordAsync(day.AddDays(i), Snapshot(day.AddDays(i), 100 + i), default);
            }

            // Recording a day again replaces it.
            await history.RecordAsync(day.AddDays(2), Snapshot(day.AddDays(2), 999), default);

            // A new process, a new data source over the same database.
            await using var again = Npgsql.NpgsqlDataSource.Create(db.ConnectionString);
            var points = await new PostgresPortfolioHistory(again).BetweenAsync(day.AddDays(1), day.AddDays(3), default);

            Assert.Equal([day.AddDays(1), day.AddDays(2), day.AddDays(3)], points.Select(p => p.Day));
            Assert.Equal([101, 999, 103], points.Select(p => p.Snapshot.Customers));
            Assert.Equal(3, points[0].Snapshot.CustomersByBand[HealthBand.AtRisk]);
            Assert.Equal(3, points[0].Snapshot.OpenTasksByRule[RuleId.Detractor]);
            Assert.Equal(["c1", "c2"], points[0].Snapshot.EnteredAtRiskLast7Days);
        }
    }
}
