using CustomerSuccess.Actors.Testing;
using CustomerSuccess.Grains;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Simulation.Tests;

/// <summary>
/// The known-ground-truth check: a generated portfolio loaded into the real grains (memory storage,
/// virtual clock at the end of the history) raises the tasks its archetypes say it should.
/// </summary>
public sealed class GroundTruthEndToEndTests
{
    [Fact]
    public async Task Archetypes_raise_their_expected_tasks_and_healthy_customers_raise_none()
    {
        var end = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
        var portfolio = new PortfolioGenerator(new PortfolioOptions { Seed = 11, Customers = 120, End = end }).Generate();
        await using var cluster = new InProcessTestCluster(b => b.AddCustomerSuccessGrains(), start: end);
        await cluster.StartAsync();

        foreach (var customer in portfolio.Customers)
        {
            var grain = cluster.GrainFactory.GetGrain<ICustomerGrain>(customer.Id);
            // History first, then the profile: a profile alone scores a customer (renewal far off: 100),
            // and the history arriving after it would then look like a health drop "now".
            await grain.ApplyAsync(customer.Events);
            await grain.SetProfileAsync(customer.Profile);
        }

        await cluster.WhenIdleAsync();

        var failures = new List<string>();
        foreach (var customer in portfolio.Customers)
        {
            var tasks = (await cluster.GrainFactory.GetGrain<ICustomerGrain>(customer.Id).GetTasksAsync()).Where(t => t.IsLive).ToArray();
            var live = tasks.Select(t => t.Rule).ToHashSet();
            var expected = customer.Truth.ExpectedRules;
            var missing = expected.Where(rule => !live.Contains(rule)).ToArray();
            var healthy = expected.Count == 0;
            if (missing.Length > 0 || (healthy && live.Count > 0))
            {
                failures.Add($"{customer.Id} {customer.Truth.Archetype}: expected [{string.Join(", ", expected.Select(r => r.ToName()))}], live: {string.Join("; ", tasks.Select(t => $"{t.Rule.ToName()} ({t.Reason})"))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
