using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Simulation.Tests;

/// <summary>Each archetype really carries the events that define it.</summary>
public sealed class ArchetypeTests
{
    private static readonly PortfolioOptions Options = new() { Seed = 42, Customers = 400 };
    private static readonly SimulatedPortfolio Portfolio = new PortfolioGenerator(Options).Generate();

    private static IEnumerable<SimulatedCustomer> Of(Archetype archetype) =>
        Portfolio.Customers.Where(c => c.Truth.Archetype == archetype);

    [Fact]
    public void Every_archetype_is_present()
    {
        foreach (var archetype in Enum.GetValues<Archetype>())
        {
            Assert.NotEmpty(Of(archetype));
        }
    }

    [Fact]
    public void Every_archetype_is_present_even_in_a_tiny_portfolio()
    {
        var tiny = new PortfolioGenerator(new PortfolioOptions { Customers = 8 }).Generate();
        Assert.Equal(Enum.GetValues<Archetype>().Order(), tiny.Customers.Select(c => c.Truth.Archetype).Order());
    }

    [Fact]
    public void A_repeat_contact_issue_takes_three_contacts_over_two_channels_and_stays_open()
    {
        Assert.All(Of(Archetype.RepeatContactIssue), c =>
        {
            var issue = c.Events.Where(e => e.IssueId == c.Truth.IssueId).ToArray();
            var contacts = issue.Where(e => e.Type == TouchpointType.ContactInbound).ToArray();
            Assert.Equal(3, contacts.Length);
            Assert.Equal(2, contacts.Select(e => e.Channel).Distinct().Count());
            Assert.DoesNotContain(issue, e => e.Type == TouchpointType.IssueResolved);
            Assert.Contains(issue, e => e.Type == TouchpointType.IssueOpened);
            // Every contact was answered: the effort is the story, not a missing reply.
            Assert.Equal(3, issue.Count(e => e.Type == TouchpointType.ContactOutbound));
        });
    }

    [Fact]
    public void A_public_complaint_is_negative_public_with_reach_and_unanswered()
    {
        Assert.All(Of(Archetype.PublicComplaint), c =>
        {
            var mention = Assert.Single(c.Events, e => e.Type == TouchpointType.SocialMention);
            Assert.True(mention.Public && mention.Reach >= 200 && mention.Sentiment <= -0.4);
            Assert.DoesNotContain(c.Events, e => e.Type == TouchpointType.ContactOutbound && e.OccurredAt >= mention.OccurredAt);
        });
    }

    [Fact]
    public void A_detractor_answered_nps_0_to_6_and_promoters_9_or_10()
    {
        Assert.All(Of(Archetype.Detractor), c => Assert.InRange(Assert.Single(c.Events, e => e.Type == TouchpointType.SurveyNps).Score!.Value, 0, 6));
        Assert.All(Of(Archetype.Promoter), c => Assert.InRange(Assert.Single(c.Events, e => e.Type == TouchpointType.SurveyNps).Score!.Value, 9, 10));
    }

    [Fact]
    public void A_drift_into_silence_has_no_interaction_in_the_last_three_weeks_after_a_regular_rhythm()
    {
        Assert.All(Of(Archetype.DriftIntoSilence), c =>
        {
            var interactions = c.Events.Where(e => e.Type is TouchpointType.Usage or TouchpointType.ContactInbound).ToArray();
            Assert.True(interactions.Length >= 20);
            Assert.True(Options.End - interactions[^1].OccurredAt >= TimeSpan.FromDays(20));
        });
    }

    [Fact]
    public void A_usage_decline_really_declines_and_ends_in_a_failed_payment_then_a_cancellation()
    {
        Assert.All(Of(Archetype.UsageDeclineBeforeCancellation), c =>
        {
            int UsageBetween(int fromDaysBack, int toDaysBack) => c.Events.Count(e => e.Type == TouchpointType.Usage
                && e.OccurredAt > Options.End.AddDays(-fromDaysBack) && e.OccurredAt <= Options.End.AddDays(-toDaysBack));

            var lastWeek = UsageBetween(7, 0);
            var baselineWeekly = UsageBetween(35, 7) / 4.0;
            var early = UsageBetween(90, 35) / (55 / 7.0);
            Assert.True(lastWeek < baselineWeekly * 0.5, $"{c.Id}: last week {lastWeek}, baseline {baselineWeekly}");
            Assert.True(baselineWeekly < early, $"{c.Id}: baseline {baselineWeekly}, early {early}");
            var failed = Assert.Single(c.Events, e => e.Type == TouchpointType.PaymentFailed);
            Assert.DoesNotContain(c.Events, e => e.Type == TouchpointType.Purchase && e.OccurredAt >= failed.OccurredAt);
            Assert.True(c.Truth.CancelsAt > Options.End);
        });
    }

    [Fact]
    public void Quiet_but_healthy_customers_are_sparse_but_recent_and_never_complain()
    {
        Assert.All(Of(Archetype.QuietButHealthy), c =>
        {
            var usage = c.Events.Where(e => e.Type == TouchpointType.Usage).ToArray();
            Assert.InRange(usage.Length, 5, 15);
            Assert.True(Options.End - usage[^1].OccurredAt <= TimeSpan.FromDays(14));
            Assert.DoesNotContain(c.Events, e => e.Type is TouchpointType.ContactInbound or TouchpointType.SocialMention or TouchpointType.SurveyNps);
        });
    }
}
