using System.Globalization;

namespace CustomerSuccess.Grains.Interfaces.Events;

/// <summary>
/// Times on the wire (the API, history files) are RFC 3339: a date, a time and an explicit offset.
/// A time without an offset is refused rather than guessed, because a local time would silently
/// shift events.
/// </summary>
public static class Rfc3339Time
{
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null || text.Length < 20 || text[10] is not ('T' or 't') || !HasOffset(text))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return false;
        }

        time = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>UTC with "Z", the fraction only as far as it is not zero ("2026-01-05T09:00:00Z").</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    // "Z" or "+hh:mm" / "-hh:mm" at the end.
    private static bool HasOffset(string text) =>
        text[^1] is 'Z' or 'z' || text.Length >= 6 && text[^6] is '+' or '-' && text[^3] == ':';
}
