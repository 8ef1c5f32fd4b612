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
    public void The_drift_found_on_random_customers_is_exact_and_without_usage_none_is_missed_hour_by_hour()
    {
        var random = new Random(20261123);
        int found = 0, foundWithoutUsage = 0;
        for (var n = 0; n < 300; n++)
        {
            var fixture = new ModelFixture();
            var monotone = random.Next(2) == 0;
            fixture.Apply(T0, RandomHistory(random, withUsage: !monotone));
            var state = fixture.State;
            var band = state.Health.Band;
            HealthBand? BandAt(DateTimeOffset at) => HealthScorer.Value(state, at, HealthSettings.Default, RuleSettings.Default).Band;

            // The evaluation's own path: the parts its scoring at T0 found, reused by the search.
            HealthScorer.Value(state, T0, HealthSettings.Default, RuleSettings.Default, out var unchanging);
            var drift = HealthScorer.FindBandChange(state, T0, band, T0 + HealthScorer.DriftHorizon, HealthSettings.Default, RuleSettings.Default, unchanging);

            var end = drift?.At ?? T0 + HealthScorer.DriftHorizon;
            // Without usage, time only costs an open issue or a silence more: the band moves one way,
            // and no hour before the change found may be in another band. The usage trend can turn
            // at a midnight, and a band left and re-entered between the search's probes is missed
            // (HealthScorer.NextBandChange says so); the change found is still exact.
            for (var at = T0.AddHours(1); monotone && at < end; at = at.AddHours(1))
            {
                Assert.Equal(band, BandAt(at));
            }

            if (drift is { } change)
            {
                found++;
                foundWithoutUsage += monotone ? 1 : 0;
                Assert.NotEqual(band, change.Band);
                Assert.Equal(band, BandAt(change.At.AddSeconds(-1)));
                Assert.Equal(change.Band, BandAt(change.At));
            }
        }

        // The sample holds customers that drift and customers that do not, with and without usage.
        Assert.InRange(found, 30, 270);
        Assert.InRange(foundWithoutUsage, 15, found - 15);
    }

    private static TouchpointEvent[] RandomHistory(Random random, bool withUsage)
    {
        var events = new TouchpointEvent[random.Next(1, 40)];
        for (var i = 0; i < events.Length; i++)
        {
            // Now and then an answer stamped a few minutes ahead of the clock, as the API allows.
            var at = random.Next(20) == 0 ? T0.AddSeconds(random.Next(1, 300)) : T0.AddMinutes(-random.Next(0, 60 * 24 * 40));
            var id = $"e-{i}";
            events[i] = random.Next(8) switch
            {
                0 => Inbound("c-1", id, at, Channel.Email, random.Next(2) == 0 ? $"I-{random.Next(3)}" : null, wait: random.Next(0, 4000)),
                1 => Survey("c-1", id, at, TouchpointType.SurveyNps, random.Next(0, 11)),
                2 => Survey("c-1", id, at, TouchpointType.SurveyCsat, random.Next(1, 6)),
                3 => Mention("c-1", id, at, random.NextDouble() * 2 - 1, random.Next(0, 1000)),
                4 => PaymentFailed("c-1", id, at),
                5 => Resolved("c-1", id, at, $"I-{random.Next(3)}"),
                _ when withUsage => Usage("c-1", id, at),
                _ => Inbound("c-1", id, at, Channel.Phone),
            };
        }

        return events;
    }
}
