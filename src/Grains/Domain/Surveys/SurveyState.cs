using System.Text.Json.Serialization;
namespace CustomerSuccess.Grains.Domain.Surveys;

/// <summary>A survey answer or sentiment reading with its time and event.</summary>
/// <remarks>
/// A value, not an object: a customer's readings are replaced with nearly every contact, and as objects
/// each replacement was a young object referenced from an old state, which every young collection had to
/// trace. In the list they also sit side by side, so weighing them reads one array.
/// </remarks>
public readonly record struct Reading(string Id, DateTimeOffset At, double Value);

/// <summary>
/// The latest answer of each survey (latest by occurrence time, so order-independent) and the
/// most recent sentiment readings of contacts and mentions.
/// </summary>
public sealed class SurveyState
{
    public const int KeptSentiments = 8;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Reading? Nps { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Reading? Csat { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Reading? Ces { get; set; }

    /// <summary>Newest first.</summary>
    public List<Reading> Sentiments { get; set; } = [];
}
