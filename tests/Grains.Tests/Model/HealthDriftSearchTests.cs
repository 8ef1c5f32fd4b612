using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class HealthDriftSearchTests
{
    private static readonly DateTimeOffset T0 = ModelFixture.T0;

    [Fact]
    public void The_drift_found_on_random_customers_is_the_first_second_their_band_changes_and_none_is_missed_hour_by_hour()
    {
        var random = new Random(20261123);
        var found = 0;
        for (var n = 0; n < 300; n++)
        {
            var fixture = new ModelFixture();
            fixture.Apply(T0, RandomHistory(random));
            var state = fixture.State;
            var band = state.Health.Band;
            HealthBand? BandAt(DateTimeOffset at) => HealthScorer.Value(state, at, HealthSettings.Default, RuleSettings.Default).Band;

            var drift = HealthScorer.NextBandChange(state, T0, band, T0.AddDays(30), HealthSettings.Default, RuleSettings.Default);

            var end = drift?.At ?? T0.AddDays(30);
            for (var at = T0.AddHours(1); at < end; at = at.AddHours(1))
            {
                Assert.Equal(band, BandAt(at));
            }

            if (drift is { } change)
            {
                found++;
                Assert.NotEqual(band, change.Band);
                Assert.Equal(band, BandAt(change.At.AddSeconds(-1)));
                Assert.Equal(change.Band, BandAt(change.At));
            }
        }

        // The sample holds customers that drift and customers that do not.
        Assert.InRange(found, 30, 270);
    }

    private static TouchpointEvent[] RandomHistory(Random random)
    {
        var events = new TouchpointEvent[random.Next(1, 40)];
        for (var i = 0; i < events.Length; i++)
        {
            var at = T0.AddMinutes(-random.Next(0, 60 * 24 * 40));
            var id = $"e-{i}";
            events[i] = random.Next(8) switch
            {
                0 => Inbound("c-1", id, at, Channel.Email, random.Next(2) == 0 ? $"I-{random.Next(3)}" : null, wait: random.Next(0, 4000)),
                1 => Survey("c-1", id, at, TouchpointType.SurveyNps, random.Next(0, 11)),
                2 => Survey("c-1", id, at, TouchpointType.SurveyCsat, random.Next(1, 6)),
                3 => Mention("c-1", id, at, random.NextDouble() * 2 - 1, random.Next(0, 1000)),
                4 => PaymentFailed("c-1", id, at),
                5 => Resolved("c-1", id, at, $"I-{random.Next(3)}"),
                _ => Usage("c-1", id, at),
            };
        }

        return events;
    }
}
