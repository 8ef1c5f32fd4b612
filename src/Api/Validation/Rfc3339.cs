using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Api.Validation;

/// <summary>
/// Times on the wire are RFC 3339: a date, a time and an explicit offset. A time without an offset
/// is refused rather than guessed, because an integrator's local time would silently shift events.
/// </summary>
public static class Rfc3339
{
    public static bool TryParse(string text, out DateTimeOffset time) => Rfc3339Time.TryParse(text, out time);

    /// <summary>
    /// The same as <see cref="TryParse(string, out DateTimeOffset)"/> for a JSON string, without making
    /// a string of it: System.Text.Json's ISO 8601 reader, used only where both readers agree (no
    /// escapes, at most 64 bytes, the same shape checks, at most 7 fractional digits, which the
    /// JSON reader truncates where DateTimeOffset.TryParse rounds). False means "not decided here":
    /// the caller falls back to the string path, which is the one that words a refusal.
    /// </summary>
    public static bool TryParseUtf8(JsonElement value, out DateTimeOffset time)
    {
        time = default;
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length < 22 || raw.Length > 66 || raw[0] != (byte)'"' || raw.Contains((byte)'\\'))
        {
            return false;
        }

        var text = raw[1..^1];
        if (text[10] != (byte)'T' || !HasOffset(text) || FractionDigits(text) > 7 || !value.TryGetDateTimeOffset(out var parsed))
        {
            return false;
        }

        time = parsed.ToUniversalTime();
        return true;
    }

    public static string Format(DateTimeOffset time) => Rfc3339Time.Format(time);

    private static bool HasOffset(ReadOnlySpan<byte> text)
    {
        var last = text[^1];
        return last is (byte)'Z' or (byte)'z' || text.Length >= 6 && text[^6] is (byte)'+' or (byte)'-' && text[^3] == (byte)':';
    }

    /// <summary>Digits after "yyyy-MM-ddTHH:mm:ss." (0 when there is no fraction).</summary>
    private static int FractionDigits(ReadOnlySpan<byte> text)
    {
        if (text.Length <= 19 || text[19] != (byte)'.')
        {
            return 0;
        }

        var digits = 0;
        while (20 + digits < text.Length && char.IsAsciiDigit((char)text[20 + digits]))
        {
            digits++;
        }

        return digits;
    }
}
