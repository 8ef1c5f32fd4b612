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

    /// <summary>Usage in the 7 days ending on <paramref name="today"/> and the weekly average of the weeks before.</summary>
    public static (int LastWeek, double WeeklyBaseline) Trend(UsageState state, int today, int baselineWeeks)
    {
        var lastWeek = Sum(state, today - 6, today);
        var baseline = Sum(state, today - 6 - 7 * baselineWeeks, today - 7) / (double)baselineWeeks;
        return (lastWeek, baseline);
    }
}
