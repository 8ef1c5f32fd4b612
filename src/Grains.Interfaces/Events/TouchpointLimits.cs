using System.Buffers;
using System.Globalization;

namespace CustomerSuccess.Grains.Interfaces.Events;

/// <summary>
/// What makes an event acceptable on the wire, wherever events come in (the API, history files):
/// one definition, so a file the backtest accepts is one the API accepts. Callers word the refusal.
/// </summary>
public static class TouchpointLimits
{
    public const int MaxIdLength = 128;
    public const int MaxAttributes = 32;

    /// <summary>
    /// A year of waiting for one contact. Waits add up per issue; without a bound a client could push
    /// the sum to infinity, which no stored form can hold.
    /// </summary>
    public const double MaxWaitSeconds = 365 * 24 * 3600;

    /// <summary>
    /// The largest amount of money (an event's value, a customer's annual value) taken: a quadrillion.
    /// Portfolio figures add up the values of every customer, and those sums must not overflow.
    /// </summary>
    public const decimal MaxMoney = 1_000_000_000_000_000m;

    // C0, DEL and C1. PostgreSQL's text cannot hold NUL, so one such id would fail the shared insert of
    // every batch committed with it; the others break log lines and page cursors.
    private static readonly SearchValues<char> Controls = SearchValues.Create(ControlCharacters(allowed: ""));

    // Free text (a name, a note) may break lines and hold tabs, nothing else of the above.
    private static readonly SearchValues<char> TextControls = SearchValues.Create(ControlCharacters(allowed: "\t\n\r"));

    /// <summary>Why <paramref name="id"/> is no acceptable id (too long, or a control character in it), or null.</summary>
    public static string? IdProblem(string id, int maxLength = MaxIdLength) =>
        id.Length > maxLength ? $"must be at most {maxLength} characters long (it has {id.Length})."
        : id.AsSpan().IndexOfAny(Controls) is var at and >= 0 ? $"must not hold control characters (U+{(int)id[at]:X4} at position {at})."
        : null;

    /// <summary>
    /// Why <paramref name="id"/> cannot name anything stored: too long, or a NUL (no PostgreSQL text holds
    /// one). Looking up is laxer than <see cref="IdProblem"/>: ids with other control characters were
    /// accepted before they were refused, and what was stored must stay reachable.
    /// </summary>
    public static string? LookupProblem(string id, int maxLength = MaxIdLength) =>
        id.Length > maxLength ? $"must be at most {maxLength} characters long (it has {id.Length})."
        : id.Contains('\0') ? $"must not hold a NUL character (at position {id.IndexOf('\0')})."
        : null;

    /// <summary>Why <paramref name="text"/> is no acceptable free text (too long, or a control character other than tab or line break), or null.</summary>
    public static string? TextProblem(string text, int maxLength) =>
        text.Length > maxLength ? $"must be at most {maxLength} characters long (it has {text.Length})."
        : text.AsSpan().IndexOfAny(TextControls) is var at and >= 0 ? $"must not hold control characters other than tabs and line breaks (U+{(int)text[at]:X4} at position {at})."
        : null;

    /// <summary>The answer scale of a survey type (its score is then required); null for other types.</summary>
    public static (double Min, double Max)? ScoreScale(TouchpointType type) => type switch
    {
        TouchpointType.SurveyNps => (0, 10),
        TouchpointType.SurveyCsat => (1, 5),
        TouchpointType.SurveyCes => (1, 7),
        _ => null,
    };

    /// <summary>
    /// Why an answer on its survey's scale is still not one: the scales are whole points. An NPS of 6.5
    /// would count as a detractor in the portfolio (a 6) and not raise the detractor rule (above 6).
    /// </summary>
    public static string? ScoreProblem(TouchpointType type, double score) =>
        ScoreScale(type) is not null && score != Math.Floor(score) ? $"must be a whole number for {type.ToName()} (got {score.ToString(CultureInfo.InvariantCulture)})." : null;

    /// <summary>A renewal date: a date ("2026-12-31") or an RFC 3339 time.</summary>
    public static bool IsRenewalDate(string value) =>
        Rfc3339Time.TryParse(value, out _)
        || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static string ControlCharacters(string allowed)
    {
        var controls = new System.Text.StringBuilder();
        for (var c = '\0'; c <= '\u009f'; c++)
        {
            if (char.IsControl(c) && !allowed.Contains(c))
            {
                controls.Append(c);
            }
        }

        return controls.ToString();
    }
}
