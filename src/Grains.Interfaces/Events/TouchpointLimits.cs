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

    /// <summary>The answer scale of a survey type (its score is then required); null for other types.</summary>
    public static (double Min, double Max)? ScoreScale(TouchpointType type) => type switch
    {
        TouchpointType.SurveyNps => (0, 10),
        TouchpointType.SurveyCsat => (1, 5),
        TouchpointType.SurveyCes => (1, 7),
        _ => null,
    };

    /// <summary>A renewal date: a date ("2026-12-31") or an RFC 3339 time.</summary>
    public static bool IsRenewalDate(string value) =>
        Rfc3339Time.TryParse(value, out _)
        || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
