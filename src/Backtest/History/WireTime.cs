using System.Globalization;

namespace CustomerSuccess.Backtest.History;

/// <summary>
/// Times in history files are RFC 3339 with an explicit offset, as the API requires: a time without
/// one is refused rather than guessed, because a local time would silently shift the replay.
/// </summary>
public static class WireTime
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

    /// <summary>UTC, whole seconds without a fraction ("2026-01-05T09:00:00Z").</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static bool HasOffset(string text)
    {
        var last = text[^1];
        if (last is 'Z' or 'z')
        {
            return true;
        }

        return text.Length >= 6 && text[^6] is '+' or '-' && text[^3] == ':';
    }
}
