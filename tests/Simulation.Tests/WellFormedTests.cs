using System.Globalization;
using Xunit.Abstractions;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Simulation.Tests;

public sealed class WellFormedTests(ITestOutputHelper output)
{
    private static readonly PortfolioOptions Options = new() { Seed = 42, Customers = 500 };
    private static readonly SimulatedPortfolio Portfolio = new PortfolioGenerator(Options).Generate();

    [Fact]
    public void Event_ids_are_unique_and_every_event_belongs_to_a_generated_customer()
    {
        Assert.Equal(Portfolio.Events.Count, Portfolio.Events.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        var ids = Portfolio.Customers.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(Portfolio.Customers.Count, ids.Count);
        Assert.All(Portfolio.Events, e => Assert.Contains(e.CustomerId, ids));
        Assert.Equal(Portfolio.Customers.Sum(c => c.Events.Length), Portfolio.Events.Count);
    }

    [Fact]
    public void Events_are_in_time_order_within_the_window()
    {
        for (var i = 1; i < Portfolio.Events.Count; i++)
        {
            Assert.True(Portfolio.Events[i - 1].OccurredAt <= Portfolio.Events[i].OccurredAt);
        }

        Assert.All(Portfolio.Events, e => Assert.InRange(e.OccurredAt, Options.Start, Options.End));
    }

    [Fact]
    public void Scores_sentiments_and_fields_are_in_their_ranges()
    {
        foreach (var e in Portfolio.Events)
        {
            switch (e.Type)
            {
                case TouchpointType.SurveyNps:
                    Assert.InRange(e.Score!.Value, 0, 10);
                    break;
                case TouchpointType.SurveyCsat:
                    Assert.InRange(e.Score!.Value, 1, 5);
                    break;
                case TouchpointType.SurveyCes:
                    Assert.InRange(e.Score!.Value, 1, 7);
                    break;
                case TouchpointType.Purchase or TouchpointType.PaymentFailed:
                    Assert.True(e.Value > 0);
                    break;
                case TouchpointType.SocialMention:
                    Assert.True(e.Public && e.Reach > 0 && e.Channel == Channel.Social);
                    break;
                case TouchpointType.SubscriptionRenewal:
                    // The form the domain (Commerce) and the API both parse.
                    Assert.True(DateTimeOffset.TryParseExact(e.Attributes!["renewalDate"], "yyyy-MM-dd", CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal, out var date));
                    Assert.True(date > Options.End);
                    break;
            }

            if (e.Sentiment is { } sentiment)
            {
                Assert.InRange(sentiment, -1, 1);
            }

            Assert.True(e.WaitSeconds >= 0);
        }
    }

    [Fact]
    public void Profiles_have_segments_owners_values_and_a_future_renewal()
    {
        Assert.All(Portfolio.Customers, c =>
        {
            Assert.Contains(c.Profile.Segment, new[] { "enterprise", "mid-market", "smb" });
            Assert.True(c.Profile.AnnualValue > 0);
            Assert.True(c.Profile.RenewalDate > Options.End);
            Assert.False(string.IsNullOrEmpty(c.Profile.Name));
        });
        var owners = Portfolio.Customers.Select(c => c.Profile.OwnerId).Where(o => o is not null).Distinct().Count();
        Assert.Equal(Options.Owners, owners);
    }

    [Fact]
    public void A_hundred_thousand_customers_over_90_days_stream_in_seconds()
    {
        // Streaming customer by customer (as the demo loader and benchmarks do) keeps only one
        // customer's history alive at a time.
        var generator = new PortfolioGenerator(new PortfolioOptions { Seed = 1, Customers = 100_000 });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long events = 0;
        Parallel.For(0, 100_000, i => Interlocked.Add(ref events, generator.GenerateCustomer(i).Events.Length));
        watch.Stop();

        output.WriteLine($"100,000 customers streamed: {events:N0} events in {watch.Elapsed.TotalSeconds:0.0} s");
        // Generous for a shared 2-core CI machine; about 4 s here.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_materialised_portfolio_of_twenty_thousand_customers_generates_in_seconds()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var portfolio = new PortfolioGenerator(new PortfolioOptions { Seed = 1, Customers = 20_000 }).Generate();
        watch.Stop();

        output.WriteLine($"20,000 customers materialised: {portfolio.Events.Count:N0} events in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }
}
