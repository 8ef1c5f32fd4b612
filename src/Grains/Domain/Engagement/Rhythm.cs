namespace CustomerSuccess.Grains.Domain.Engagement;

/// <summary>Folds interactions into <see cref="RhythmState"/> and estimates the typical gap between them.</summary>
public static class Rhythm
{
    public static void Apply(RhythmState state, string eventId, DateTimeOffset at)
    {
        state.Interactions++;
        if (state.LastAt is not { } last || at > last || (at == last && string.CompareOrdinal(eventId, state.LastId) > 0))
        {
            state.LastAt = at;
            state.LastId = eventId;
        }

        var day = EpochDay(at);
        var index = state.Days.BinarySearch(day);
        if (index >= 0)
        {
            return;
        }

        index = ~index;
        if (state.Days.Count >= RhythmState.KeptDays)
        {
            if (index == 0)
            {
                return;
            }

            state.Days.RemoveAt(0);
            index--;
        }

        state.Days.Insert(index, day);
    }

    /// <summary>
    /// The typical gap: the median of the gaps between the recent active days. A median shrugs off a
    /// holiday or a burst, which a mean would not. Null with fewer than two active days.
    /// </summary>
    public static TimeSpan? TypicalGap(RhythmState state)
    {
        var days = state.Days;
        if (days.Count < 2)
        {
            return null;
        }

        Span<int> gaps = stackalloc int[RhythmState.KeptDays];
        var count = 0;
        for (var i = 1; i < days.Count; i++)
        {
            gaps[count++] = days[i] - days[i - 1];
        }

        var sorted = gaps[..count];
        sorted.Sort();
        var median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0;
        return TimeSpan.FromDays(median);
    }

    public static int EpochDay(DateTimeOffset at) => (int)(at.UtcTicks / TimeSpan.TicksPerDay);

    public static DateTimeOffset DayStart(int epochDay) => new(epochDay * TimeSpan.TicksPerDay, TimeSpan.Zero);
}
