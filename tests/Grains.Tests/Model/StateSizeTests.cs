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
    public void The_source_generated_metadata_writes_what_the_reflection_serializer_writes()
    {
        // The grains store their states through GrainStateJson: the stored format must not change.
        var fixture = YearOfHistory();
        fixture.Apply(T0.AddDays(400),
            Inbound("c-1", "x-1", T0.AddDays(399), Channel.Social, "B-9", isPublic: true, reach: 900, sentiment: -0.8),
            Mention("c-1", "x-2", T0.AddDays(399), -0.6, 5_000), PaymentFailed("c-1", "x-3", T0.AddDays(399)),
            Survey("c-1", "x-4", T0.AddDays(399), TouchpointType.SurveyNps, 2));
        fixture.Apply(T0.AddDays(401), Purchase("c-1", "x-5", T0.AddDays(400)));
        var state = fixture.State;
        Assert.NotEmpty(state.Tasks.Live);
        Assert.NotEmpty(state.Tasks.Closed);

        var reflection = GrainStateSerializer.Serialize(state);
        var generated = GrainStateSerializer.Serialize(state, GrainStateJson.Default.CustomerState);

        Assert.Equal(System.Text.Encoding.UTF8.GetString(reflection), System.Text.Encoding.UTF8.GetString(generated));
        var copy = GrainStateSerializer.Deserialize(generated, GrainStateJson.Default.CustomerState);
        Assert.Equal(reflection, GrainStateSerializer.Serialize(copy));

        var board = new Tasks.TaskBoardState { Customers = { ["c-1"] = [.. state.Tasks.Live] } };
        Assert.Equal(GrainStateSerializer.Serialize(board), GrainStateSerializer.Serialize(board, GrainStateJson.Default.TaskBoardState));
        var model = new CustomerModel("c-1", state, Domain.Rules.RuleSettings.Default, Domain.Health.HealthSettings.Default, StateLimits.Default);
        var partition = new Portfolio.PortfolioPartitionState { Entries = { ["c-1"] = model.PortfolioEntry() } };
        Assert.Equal(GrainStateSerializer.Serialize(partition), GrainStateSerializer.Serialize(partition, GrainStateJson.Default.PortfolioPartitionState));
    }

    [Fact]
    public void A_year_of_typical_history_stays_small()
    {
        var fixture = YearOfHistory();
        var bytes = GrainStateSerializer.Serialize(fixture.State).Length;
        // Bounded by the caps, not by the history. At the default caps (timeline 50, score history 50,
        // 128 seen ids) this year is about 7.5 KB of JSON: timeline 2.3 KB, seen ids 1.4 KB, history 1.3 KB.
        Assert.InRange(bytes, 1, 8 * 1024);
    }

    private static ModelFixture YearOfHistory()
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

        return fixture;
    }
}
