using System.Globalization;

namespace CustomerSuccess.Api.Validation;

/// <summary>
/// Times on the wire are RFC 3339: a date, a time and an explicit offset. A time without an offset
/// is refused rather than guessed, because an integrator's local time would silently shift events.
/// </summary>
public static class Rfc3339
{
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length < 20 || text[10] is not ('T' or 't') || !HasOffset(text))
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

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static bool HasOffset(string text)
    {
        var last = text[^1];
        if (last is 'Z' or 'z')
        {
            return true;
        }

        // "+hh:mm" or "-hh:mm" at the end.
        return text.Length >= 6 && text[^6] is '+' or '-' && text[^3] == ':';
    }
}
