using System.Text.Json.Serialization;
namespace CustomerSuccess.Grains.Domain.Engagement;

/// <summary>
/// Usage counts per UTC day for the last <see cref="WindowDays"/> days, as a ring indexed by
/// day number. Counts add up in any order; a day older than its slot's day is simply too old.
/// </summary>
[JsonConverter(typeof(UsageStateJsonConverter))]
public sealed class UsageState
{
    /// <summary>Today, the 7 whole days before it, and the 4 weeks before those.</summary>
    public const int WindowDays = 36;

    public int[] Days { get; set; } = new int[WindowDays];

    public int[] Counts { get; set; } = new int[WindowDays];

    public int? FirstDay { get; set; }

    public int? LastDay { get; set; }
}
