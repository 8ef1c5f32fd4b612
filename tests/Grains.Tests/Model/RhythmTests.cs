using CustomerSuccess.Grains.Domain.Engagement;
using CustomerSuccess.Grains.Tests.Support;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class RhythmTests
{
    private static RhythmState Days(params int[] days)
    {
        var state = new RhythmState();
        foreach (var day in days)
        {
            Rhythm.Apply(state, $"e-{day}", ModelFixture.T0.AddDays(day));
        }

        return state;
    }

    [Fact]
    public void The_typical_gap_is_the_median_so_one_long_holiday_does_not_move_it() =>
        Assert.Equal(TimeSpan.FromDays(2), Rhythm.TypicalGap(Days(0, 2, 4, 6, 8, 30)));

    [Fact]
    public void Several_interactions_on_one_day_count_as_one_active_day() =>
        Assert.Equal(TimeSpan.FromDays(3), Rhythm.TypicalGap(Days(0, 0, 0, 3, 3, 6)));

    [Fact]
    public void The_estimate_is_the_same_whatever_order_the_interactions_arrive_in()
    {
        var days = Enumerable.Range(0, 40).Select(i => i * 3 + (i % 4)).ToArray();
        var inOrder = Days(days);
        var shuffled = Days([.. days.OrderBy(d => (d * 7919) % 101)]);

        Assert.Equal(inOrder.Days, shuffled.Days);
        Assert.Equal(inOrder.LastAt, shuffled.LastAt);
        Assert.Equal(Rhythm.TypicalGap(inOrder), Rhythm.TypicalGap(shuffled));
        Assert.Equal(RhythmState.KeptDays, inOrder.Days.Count);
    }

    [Fact]
    public void One_active_day_has_no_typical_gap() => Assert.Null(Rhythm.TypicalGap(Days(5, 5)));
}
