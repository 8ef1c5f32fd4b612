namespace CustomerSuccess.Grains.Domain.Engagement;

/// <summary>Folds usage into <see cref="UsageState"/> and answers "how much usage in these days".</summary>
public static class Usage
{
    public static void Apply(UsageState state, DateTimeOffset at)
    {
        var day = Rhythm.EpochDay(at);
        var slot = day % UsageState.WindowDays;
        if (state.Days[slot] == day)
        {
            state.Counts[slot]++;
        }
        else if (state.Days[slot] < day)
        {
            state.Days[slot] = day;
            state.Counts[slot] = 1;
        }

        state.FirstDay = state.FirstDay is { } first && first <= day ? first : day;
        state.LastDay = state.LastDay is { } last && last >= day ? last : day;
    }

    /// <summary>Usage in the days <paramref name="from"/>..<paramref name="to"/> (inclusive).</summary>
    public static int Sum(UsageState state, int from, int to)
    {
        var sum = 0;
        for (var day = from; day <= to; day++)
        {
            var slot = day % UsageState.WindowDays;
            if (state.Days[slot] == day)
            {
                sum += state.Counts[slot];
            }
        }

        return sum;
    }

    /// <summary>
    /// Usage in the last 7 days, and the weekly average of the <paramref name="baselineWeeks"/> weeks
    /// before them. The last 7 days are the more of the 7 whole days before <paramref name="today"/> and
    /// the 7 days to today: by days alone, "the 7 days to today" holds only 6 whole ones at midnight, so a
    /// customer who comes every Monday would show no usage all Monday until they came.
    /// </summary>
    public static (int LastWeek, double WeeklyBaseline) Trend(UsageState state, int today, int baselineWeeks)
    {
        var wholeDays = Sum(state, today - 7, today - 1);
        var toToday = wholeDays - Sum(state, today - 7, today - 7) + Sum(state, today, today);
        var baseline = Sum(state, today - 7 - 7 * baselineWeeks, today - 8) / (double)baselineWeeks;
        return (Math.Max(wholeDays, toToday), baseline);
    }
}
