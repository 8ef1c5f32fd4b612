using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Simulation.Tests;

public sealed class DeterminismTests
{
    private static SimulatedPortfolio Generate(int seed) =>
        new PortfolioGenerator(new PortfolioOptions { Seed = seed, Customers = 300 }).Generate();

    [Fact]
    public void Same_seed_gives_identical_profiles_truths_and_events()
    {
        var a = Generate(7);
        var b = Generate(7);

        Assert.Equal(a.Customers.Select(c => (c.Id, c.Profile, c.Truth.Archetype, c.Truth.IssueId, c.Truth.CancelsAt)),
            b.Customers.Select(c => (c.Id, c.Profile, c.Truth.Archetype, c.Truth.IssueId, c.Truth.CancelsAt)));
        Assert.Equal(a.Events.Count, b.Events.Count);
        for (var i = 0; i < a.Events.Count; i++)
        {
            Assert.Equal(Describe(a.Events[i]), Describe(b.Events[i]));
        }
    }

    [Fact]
    public void Different_seeds_give_different_portfolios()
    {
        var a = Generate(7);
        var b = Generate(8);

        Assert.NotEqual(a.Events.Select(Describe), b.Events.Select(Describe));
        Assert.NotEqual(a.Customers.Select(c => c.Truth.Archetype), b.Customers.Select(c => c.Truth.Archetype));
    }

    [Fact]
    public void A_customer_generated_alone_equals_the_same_customer_in_the_portfolio()
    {
        var options = new PortfolioOptions { Seed = 3, Customers = 50 };
        var portfolio = new PortfolioGenerator(options).Generate();
        var alone = new PortfolioGenerator(options).GenerateCustomer(41);

        Assert.Equal(portfolio.Customers[41].Profile, alone.Profile);
        Assert.Equal(portfolio.Customers[41].Events.Select(Describe), alone.Events.Select(Describe));
    }

    private static string Describe(TouchpointEvent e) =>
        $"{e.Id}|{e.CustomerId}|{e.Type}|{e.OccurredAt.UtcTicks}|{e.Channel}|{e.IssueId}|{e.Sentiment}|{e.Score}|{e.Public}|{e.Reach}|{e.Value}|{e.WaitSeconds}|"
        + (e.Attributes is null ? "" : string.Join(",", e.Attributes.Select(kv => kv.Key + "=" + kv.Value)));
}
