using CustomerSuccess.Grains.Domain.Engagement;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class UsageTrendTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_first_drop_found_by_running_sums_is_the_first_day_whose_trend_shows_one(int seed)
    {
        var random = new Random(seed);
        var drops = 0;
        for (var round = 0; round < 500; round++)
        {
            var usage = new UsageState();
            var today = 739_900 + random.Next(100);
            var activeDays = random.Next(0, 36);
            for (var i = 0; i < activeDays; i++)
            {
                var day = today - random.Next(0, 36);
                for (var n = random.Next(1, 6); n > 0; n--)
                {
                    Usage.Apply(usage, Rhythm.DayStart(day).AddHours(9));
                }
            }

            var eligible = today - 10 + random.Next(20);
            var from = today + 1;
            var expected = default(int?);
            for (var day = from; day <= from + 8 && expected is null; day++)
            {
                var (lastWeek, baseline) = Usage.Trend(usage, day, 4);
                if (day >= eligible && baseline >= 2 && lastWeek < baseline * 0.5)
                {
                    expected = day;
                }
            }

            Assert.Equal(expected, Usage.FirstDrop(usage, from, from + 8, eligible, 4, 0.5, 2));
            drops += expected is null ? 0 : 1;
        }

        // Both answers occur, so the comparison covers finding a day and finding none.
        Assert.InRange(drops, 50, 450);
    }
}
