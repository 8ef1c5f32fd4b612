namespace CustomerSuccess.Backtest.Reporting;

/// <summary>The buckets a lead time falls into, from "within the hour" to "two months or more ahead".</summary>
internal static class LeadTimes
{
    private static readonly (TimeSpan Below, string Range)[] Buckets =
    [
        (TimeSpan.FromHours(1), "< 1 h"), (TimeSpan.FromHours(4), "1-4 h"), (TimeSpan.FromHours(24), "4-24 h"),
        (TimeSpan.FromDays(7), "1-7 d"), (TimeSpan.FromDays(14), "7-14 d"), (TimeSpan.FromDays(30), "14-30 d"),
        (TimeSpan.FromDays(60), "30-60 d"), (TimeSpan.MaxValue, ">= 60 d"),
    ];

    public static IReadOnlyList<LeadBucket> Distribution(IReadOnlyList<TimeSpan> leads)
    {
        var counts = new int[Buckets.Length];
        foreach (var lead in leads)
        {
            var i = 0;
            while (lead >= Buckets[i].Below)
            {
                i++;
            }

            counts[i]++;
        }

        var result = new LeadBucket[Buckets.Length];
        for (var i = 0; i < Buckets.Length; i++)
        {
            result[i] = new LeadBucket(Buckets[i].Range, counts[i]);
        }

        return result;
    }

    /// <summary>The median in hours (the mean of the middle two for an even count), rounded to 0.01 h.</summary>
    public static double? MedianHours(IReadOnlyList<TimeSpan> leads)
    {
        if (leads.Count == 0)
        {
            return null;
        }

        var sorted = leads.Order().ToArray();
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid].Ticks : (sorted[mid - 1].Ticks + sorted[mid].Ticks) / 2;
        return Hours(TimeSpan.FromTicks(median));
    }

    public static double Hours(TimeSpan span) => Math.Round(span.TotalHours, 2, MidpointRounding.AwayFromZero);
}
