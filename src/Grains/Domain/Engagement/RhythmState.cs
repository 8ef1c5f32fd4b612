using System.Text.Json.Serialization;
namespace CustomerSuccess.Grains.Domain.Engagement;

/// <summary>
/// A customer's own rhythm: the distinct UTC days with an inbound contact or usage (the most
/// recent ones, sorted) and the exact time and id of the latest interaction. Days are enough
/// resolution because gone-quiet never fires sooner than 7 days.
/// </summary>
public sealed class RhythmState
{
    public const int KeptDays = 16;

    public List<int> Days { get; set; } = [];

    public int Interactions { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastAt { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastId { get; set; }
}
