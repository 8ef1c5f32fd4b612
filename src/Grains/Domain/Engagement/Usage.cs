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

    /// <summary>Usage on <paramref name="day"/>; 0 for a day the ring no longer (or never) held.</summary>
    public static int On(UsageState state, int day)
    {
        var slot = day % UsageState.WindowDays;
        return state.Days[slot] == day ? state.Counts[slot] : 0;
    }

    /// <summary>Usage in the days <paramref name="from"/>..<paramref name="to"/> (inclusive).</summary>
    public static int Sum(UsageState state, int from, int to)
    {
        // No day after the last usage is in the ring, so a window ahead of it costs nothing: a drift
        // search scores days months ahead. The ring is walked slot by slot rather than by a division per day.
        if (state.LastDay is not { } lastDay || from > lastDay)
        {
            return 0;
        }

        to = Math.Min(to, lastDay);
        var days = state.Days;
        var counts = state.Counts;
        var slot = from % UsageState.WindowDays;
        var sum = 0;
        for (var day = from; day <= to; day++)
        {
            if (days[slot] == day)
            {
                sum += counts[slot];
            }

            slot = slot == UsageState.WindowDays - 1 ? 0 : slot + 1;
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
        var toToday = wholeDays - On(state, today - 7) + On(state, today);
        var baseline = Sum(state, today - 7 - 7 * baselineWeeks, today - 8) / (double)baselineWeeks;
        return (Math.Max(wholeDays, toToday), baseline);
    }

    /// <summary>
    /// The first day of <paramref name="from"/>..<paramref name="to"/> whose <see cref="Trend"/>, with no
    /// usage after what the state holds, is below <paramref name="ratio"/> of a baseline of at least
    /// <paramref name="minBaseline"/> a week; null if none. Days before <paramref name="eligibleFrom"/> are
    /// skipped. One pass over the ring and running sums, rather than a <see cref="Trend"/> per day: this
    /// runs at every evaluation of a customer without a drop.
    /// </summary>
    public static int? FirstDrop(UsageState state, int from, int to, int eligibleFrom, int baselineWeeks, double ratio, double minBaseline)
    {
        // Counts of the days from the oldest a window reads (the baseline's first, for the first day) to the last.
        var first = from - 7 - 7 * baselineWeeks;
        var length = to - first + 1;
        Span<int> counts = length <= 128 ? stackalloc int[length] : new int[length];
        for (var i = 0; i < length; i++)
        {
            counts[i] = On(state, first + i);
        }

        // Running sums for day `from`, then slid a day at a time: index of day d is d - first.
        var whole = 0;
        for (var d = from - 7; d <= from - 1; d++)
        {
            whole += counts[d - first];
        }

        var baseline = 0;
        for (var d = first; d <= from - 8; d++)
        {
            baseline += counts[d - first];
        }

        for (var day = from; day <= to; day++)
        {
            if (day >= eligibleFrom)
            {
                var lastWeek = Math.Max(whole, whole - counts[day - 7 - first] + counts[day - first]);
                var weekly = baseline / (double)baselineWeeks;
                if (weekly >= minBaseline && lastWeek < weekly * ratio)
                {
                    return day;
                }
            }

            whole += counts[day - first] - counts[day - 7 - first];
            baseline += counts[day - 7 - first] - counts[day - 7 - 7 * baselineWeeks - first];
        }

        return null;
    }
}
