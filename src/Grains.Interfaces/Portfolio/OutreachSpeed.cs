namespace CustomerSuccess.Grains.Interfaces.Portfolio;

/// <summary>
/// How fast outreach happens: the tasks CSMs completed (marked done, or answered by a logged reply,
/// see <see cref="Tasks.OutreachTask.RepliedAt"/>) within the window, how many of them by their
/// due time, and how many within each of <see cref="HoursBounds"/> hours of being raised (the last
/// count is the rest). Counts, not a median, so the partitions' figures add up.
/// </summary>
public sealed record OutreachSpeed(int Done, int DoneOnTime, IReadOnlyList<int> DoneWithinHours)
{
    /// <summary>The upper bounds, in hours, of <see cref="DoneWithinHours"/>' buckets but the last.</summary>
    public static readonly IReadOnlyList<int> HoursBounds = [1, 4, 24, 72, 168];
}
