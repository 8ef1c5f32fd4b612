using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class StateSizeTests
{
    private static readonly DateTimeOffset T0 = ModelFixture.T0;

    [Fact]
    public void The_state_round_trips_through_the_grain_state_serializer()
    {
        var fixture = new ModelFixture();
        fixture.Apply(T0.AddDays(2),
            Inbound("c-1", "e-1", T0, Channel.Email, "B-1"), Inbound("c-1", "e-2", T0.AddHours(5), Channel.Phone, "B-1"),
            Survey("c-1", "s-1", T0, TouchpointType.SurveyNps, 3), PaymentFailed("c-1", "p-1", T0), Usage("c-1", "u-1", T0));

        var json = GrainStateSerializer.Serialize(fixture.State);
        var copy = GrainStateSerializer.Deserialize<CustomerState>(json);

        Assert.Equal(json, GrainStateSerializer.Serialize(copy));
    }

    [Fact]
    public void A_year_of_typical_history_stays_small()
    {
        var fixture = new ModelFixture();
        var at = T0;
        for (var week = 0; week < 52; week++)
        {
            var events = new List<TouchpointEvent>();
            for (var day = 0; day < 5; day++)
            {
                events.Add(Usage("c-1", $"u-{week}-{day}", at.AddDays(day)));
            }

            if (week % 4 == 0)
            {
                events.Add(Inbound("c-1", $"i-{week}", at.AddDays(1), Channel.Email, $"T-{week}", sentiment: -0.2, wait: 60));
                events.Add(Outbound("c-1", $"o-{week}", at.AddDays(1).AddHours(2), Channel.Email, $"T-{week}"));
                events.Add(Resolved("c-1", $"r-{week}", at.AddDays(2), $"T-{week}"));
            }

            if (week % 13 == 0)
            {
                events.Add(Survey("c-1", $"s-{week}", at.AddDays(3), TouchpointType.SurveyNps, 8));
                events.Add(Purchase("c-1", $"b-{week}", at.AddDays(3)));
            }

            fixture.Apply(at.AddDays(6), [.. events]);
            at = at.AddDays(7);
        }

        var bytes = GrainStateSerializer.Serialize(fixture.State).Length;
        // Bounded by the caps, not by the history. At the default caps (timeline 50, score history 50,
        // 128 seen ids) this year is about 7.5 KB of JSON: timeline 2.3 KB, seen ids 1.4 KB, history 1.3 KB.
        Assert.InRange(bytes, 1, 8 * 1024);
    }
}
