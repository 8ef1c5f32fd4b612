using System.Text.Json.Serialization;
namespace CustomerSuccess.Grains.Domain.Surveys;

/// <summary>A survey answer or sentiment reading with its time and event.</summary>
/// <remarks>
/// A value: a reading costs no allocation of its own, and a customer's sentiment readings sit side by
/// side in one array when health weighs them at every evaluation.
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
