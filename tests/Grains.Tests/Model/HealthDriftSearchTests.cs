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
    public void The_drift_found_on_random_customers_is_exact_and_none_is_missed_where_the_band_moves_one_way()
    {
        var random = new Random(20261123);
        int found = 0, foundWithUsage = 0, oneWayWithUsage = 0, atMidnight = 0;
        for (var n = 0; n < 300; n++)
        {
            var fixture = new ModelFixture();
            var withUsage = random.Next(2) == 0;
            fixture.Apply(T0, RandomHistory(random, withUsage));
            var state = fixture.State;
            // Evaluations happen at any fraction of a second; wake-ups keep it.
            var now = T0.AddTicks(random.Next(0, (int)TimeSpan.TicksPerSecond));
            var band = HealthScorer.Value(state, now, HealthSettings.Default, RuleSettings.Default).Band;
            HealthBand? BandAt(DateTimeOffset at) => HealthScorer.Value(state, at, HealthSettings.Default, RuleSettings.Default).Band;

            // The evaluation's own path: the parts its scoring at T0 found, reused by the search.
            HealthScorer.Value(state, now, HealthSettings.Default, RuleSettings.Default, out var unchanging);
            var drift = HealthScorer.FindBandChange(state, now, band, now + HealthScorer.DriftHorizon, HealthSettings.Default, RuleSettings.Default, unchanging);

            // The band scanned over the year: every hour, and the seconds either side of each midnight,
            // where the usage trend's days move on (the level only falls between midnights). Where it
            // leaves and never comes back, the search must find that change; where it comes back (the
            // usage trend turning at a midnight) it may miss it (HealthScorer.NextBandChange says so).
            var (firstOut, lastIn, returns) = Scan(BandAt, band, now);
            Assert.False(returns && !withUsage, "without usage the band moves one way");
            if (firstOut is { } left && !returns)
            {
                oneWayWithUsage += withUsage ? 1 : 0;
                Assert.NotNull(drift);
                // In whole seconds after now: the first such second at or after the moment it leaves.
                Assert.InRange(drift.Value.At, lastIn, left.AddSeconds(1));
            }
            else if (firstOut is null)
            {
                Assert.Null(drift);
            }

            if (drift is { } change)
            {
                found++;
                foundWithUsage += withUsage ? 1 : 0;
                Assert.NotEqual(band, change.Band);
                Assert.Equal(band, BandAt(change.At.AddSeconds(-1)));
                Assert.Equal(change.Band, BandAt(change.At));
                Assert.Equal(now.Ticks % TimeSpan.TicksPerSecond, change.At.Ticks % TimeSpan.TicksPerSecond);
                atMidnight += change.At.TimeOfDay < TimeSpan.FromSeconds(1) ? 1 : 0;
            }
        }

        // The sample holds customers that drift and customers that do not, with and without usage.
        Assert.InRange(found, 30, 270);
        Assert.InRange(foundWithUsage, 15, found - 15);
        Assert.InRange(oneWayWithUsage, 15, 150);
        // Some of the changes are the usage trend's jumps at a midnight.
        Assert.InRange(atMidnight, 5, found);
    }

    // The first moment scanned outside the band, the last one inside it before that, and whether a later one is inside again.
    private static (DateTimeOffset? FirstOut, DateTimeOffset LastIn, bool Returns) Scan(Func<DateTimeOffset, HealthBand?> bandAt, HealthBand? band, DateTimeOffset from)
    {
        var end = from + HealthScorer.DriftHorizon;
        var midnight = from.UtcDateTime.Date.AddDays(1);
        DateTimeOffset? firstOut = null;
        var lastIn = from;
        for (var at = from.AddHours(1); at <= end; at = at < end && at.AddHours(1) > end ? end : at.AddHours(1))
        {
            // Any midnight before this hour first, as its last second and its first.
            for (; midnight <= at; midnight = midnight.AddDays(1))
            {
                if (Visit(new DateTimeOffset(midnight.AddSeconds(-1), TimeSpan.Zero)) || Visit(new DateTimeOffset(midnight, TimeSpan.Zero)))
                {
                    return (firstOut, lastIn, true);
                }
            }

            if (Visit(at))
            {
                return (firstOut, lastIn, true);
            }
        }

        return (firstOut, lastIn, false);

        // True once the band is back after having left.
        bool Visit(DateTimeOffset at)
        {
            if (bandAt(at) == band)
            {
                lastIn = firstOut is null ? at : lastIn;
                return firstOut is not null;
            }

            firstOut ??= at;
            return false;
        }
    }

    private static TouchpointEvent[] RandomHistory(Random random, bool withUsage)
    {
        // With usage, often enough of it for the usage trend to count in engagement (a weekly baseline of 2 or more).
        var events = new TouchpointEvent[random.Next(1, 40) + (withUsage ? random.Next(0, 60) : 0)];
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
