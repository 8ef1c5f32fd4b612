using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class HealthScorerTests
{
    private static readonly DateTimeOffset T0 = ModelFixture.T0;

    [Fact]
    public void A_customer_without_data_has_no_score()
    {
        var health = new ModelFixture().Model.Evaluate(T0, "nothing").Health;
        Assert.Null(health.Score);
        Assert.Null(health.Band);
        Assert.Empty(health.Components);
    }

    [Fact]
    public void A_quiet_customers_thin_usage_baseline_does_not_read_as_a_fall_in_a_week_without_a_session()
    {
        // A session every ten days: about 0.7 a week, below the usage-drop rule's minimum baseline of 2.
        var fixture = new ModelFixture();
        var sessions = Enumerable.Range(0, 4).Select(i => Usage("c-1", $"u-{i}", T0.AddDays(10 * i))).ToArray();
        var lastSession = T0.AddDays(30);
        fixture.Apply(lastSession, [.. sessions, Purchase("c-1", "p-0", T0)]);

        // Eight days later a purchase: no session in the last 7 days, yet nothing is wrong with this customer.
        var health = fixture.Apply(lastSession.AddDays(8), Purchase("c-1", "p-1", lastSession.AddDays(8))).Health;

        var engagement = health.Components.Single(c => c.Component == HealthComponent.Engagement);
        Assert.Equal(100, engagement.Score);
        Assert.DoesNotContain(engagement.Reasons, reason => reason.StartsWith("usage ", StringComparison.Ordinal));
        Assert.Equal(100, health.Score);
    }

    [Fact]
    public void A_single_component_with_data_carries_the_whole_weight()
    {
        var fixture = new ModelFixture();
        var health = fixture.Apply(T0, Survey("c-1", "s-1", T0, TouchpointType.SurveyNps, 8)).Health;

        var component = Assert.Single(health.Components);
        Assert.Equal(HealthComponent.Sentiment, component.Component);
        Assert.Equal(1.0, component.Weight);
        Assert.Equal(80, health.Score);
        Assert.Contains("NPS 8", component.Reasons[0]);
    }

    [Fact]
    public void Components_without_data_share_their_weight_in_proportion()
    {
        var fixture = new ModelFixture();
        var health = fixture.Apply(T0, Survey("c-1", "s-1", T0, TouchpointType.SurveyNps, 5), PaymentFailed("c-1", "p-1", T0)).Health;

        // Sentiment 0.25 and commercial 0.20 of the 0.45 that has data.
        Assert.Equal(0.5556, health.Components.Single(c => c.Component == HealthComponent.Sentiment).Weight);
        Assert.Equal(0.4444, health.Components.Single(c => c.Component == HealthComponent.Commercial).Weight);
        Assert.Equal(54, health.Score); // 50 * 5/9 + 60 * 4/9 = 54.4
        Assert.Equal(HealthBand.Watch, health.Band);
    }

    [Fact]
    public void All_four_components_use_the_configured_weights()
    {
        var settings = new HealthSettings { EffortWeight = 1, SentimentWeight = 1, EngagementWeight = 1, CommercialWeight = 1 };
        var fixture = new ModelFixture(health: settings);
        var health = fixture.Apply(T0,
            Inbound("c-1", "e-1", T0, Channel.Email, "I-1"),
            Survey("c-1", "s-1", T0, TouchpointType.SurveyNps, 10),
            Purchase("c-1", "p-1", T0)).Health;

        Assert.Equal(4, health.Components.Count);
        Assert.All(health.Components, c => Assert.Equal(0.25, c.Weight));
        // effort 90 (one open issue, one contact), sentiment 100, engagement 100, commercial 100.
        Assert.Equal(98, health.Score);
    }

    [Theory]
    [InlineData(100, HealthBand.Healthy)]
    [InlineData(70, HealthBand.Healthy)]
    [InlineData(69, HealthBand.Watch)]
    [InlineData(40, HealthBand.Watch)]
    [InlineData(39, HealthBand.AtRisk)]
    [InlineData(0, HealthBand.AtRisk)]
    public void Bands_are_healthy_from_70_watch_from_40_and_at_risk_below(int score, HealthBand band) =>
        Assert.Equal(band, HealthScorer.BandOf(score, HealthSettings.Default));

    [Fact]
    public void Every_score_change_is_recorded_with_its_cause_and_the_history_is_bounded()
    {
        var fixture = new ModelFixture();
        fixture.Model.Apply(Survey("c-1", "s-1", T0, TouchpointType.SurveyNps, 9));
        fixture.Model.Evaluate(T0, "event s-1");
        fixture.Model.Apply(Survey("c-1", "s-2", T0.AddHours(1), TouchpointType.SurveyNps, 4));
        var change = fixture.Model.Evaluate(T0.AddHours(1), "event s-2").ScoreChange;

        Assert.Equal(new ScoreChange(T0.AddHours(1), 90, 40, "event s-2"), change);
        Assert.Equal([change!, new ScoreChange(T0, null, 90, "event s-1")], fixture.State.Health.History);
        Assert.Null(fixture.Model.Evaluate(T0.AddHours(2), "no change").ScoreChange);

        for (var i = 0; i < 80; i++)
        {
            fixture.Model.Apply(Survey("c-1", $"n-{i}", T0.AddDays(1 + i), TouchpointType.SurveyNps, i % 2 == 0 ? 2 : 9));
            fixture.Model.Evaluate(T0.AddDays(1 + i), $"event n-{i}");
        }

        Assert.Equal(50, fixture.State.Health.History.Count);
        Assert.Equal("event n-79", fixture.State.Health.History[0].Cause);
    }
}
