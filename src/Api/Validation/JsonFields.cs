using System.Globalization;
using System.Text.Json;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Api.Validation;

/// <summary>
/// Reads the fields of one JSON object leniently: a missing, null or wrongly typed field becomes a
/// <see cref="FieldError"/> naming the field, instead of one opaque deserialisation failure, so an
/// integrator sees every problem of a batch at once. A value: one is made for every event of a batch,
/// and as objects they were 2 % of what memory-mode ingestion allocated.
/// </summary>
public readonly struct JsonFields(JsonElement element, int? index, List<FieldError> errors, string prefix = "")
{
    public const int MaxIdLength = TouchpointLimits.MaxIdLength;

    public bool IsObject => element.ValueKind == JsonValueKind.Object;

    public void Fail(string field, string message) => errors.Add(new FieldError(index, prefix + field, message));

    /// <summary>
    /// For a reader that met a property name that is no Unicode text (an unpaired surrogate escape):
    /// System.Text.Json checks such escapes only when it compares or reads the name, and then throws
    /// <see cref="InvalidOperationException"/>. The object is refused with this problem.
    /// </summary>
    public void FailInvalidName(string field = "") => Fail(field, "has a property name that is not valid Unicode text (an unpaired surrogate escape).");

    /// <summary>
    /// A string field: an id unless <paramref name="freeText"/> (ids refuse every control character,
    /// free text all but tabs and line breaks).
    /// </summary>
    public string? String(string name, bool required = false, int maxLength = MaxIdLength, bool freeText = false) =>
        String(name, Find(name), required, maxLength, freeText);

    /// <summary>As <see cref="String(string, bool, int, bool)"/> for a value already found (default when absent).</summary>
    public string? String(string name, JsonElement value, bool required = false, int maxLength = MaxIdLength, bool freeText = false)
    {
        if (!IsPresent(name, value, required))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, $"must be a string, not {Describe(value)}.");
            return null;
        }

        if (!TryText(value, out var text))
        {
            Fail(name, InvalidText);
            return null;
        }

        if (required && string.IsNullOrWhiteSpace(text))
        {
            Fail(name, "must not be empty.");
            return null;
        }

        var problem = freeText ? TouchpointLimits.TextProblem(text, maxLength) : TouchpointLimits.IdProblem(text, maxLength);
        if (problem is not null)
        {
            Fail(name, problem);
            return null;
        }

        return text;
    }

    public double? Number(string name, bool required = false, double min = double.MinValue, double max = double.MaxValue) =>
        Number(name, Find(name), required, min, max);

    public double? Number(string name, JsonElement value, bool required = false, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!IsPresent(name, value, required))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Fail(name, $"must be a number, not {Describe(value)}.");
            return null;
        }

        if (number < min || number > max)
        {
            Fail(name, $"must be between {Format(min)} and {Format(max)} (it is {Format(number)}).");
            return null;
        }

        return number;
    }

    public decimal? Decimal(string name, decimal min = decimal.MinValue, decimal max = decimal.MaxValue) => Decimal(name, Find(name), min, max);

    public decimal? Decimal(string name, JsonElement value, decimal min = decimal.MinValue, decimal max = decimal.MaxValue)
    {
        if (!IsPresent(name, value, required: false))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            Fail(name, $"must be a number, not {Describe(value)}.");
            return null;
        }

        if (number < min || number > max)
        {
            Fail(name, max == decimal.MaxValue
                ? $"must be at least {min.ToString(CultureInfo.InvariantCulture)}."
                : $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }

        return number;
    }

    public long? Integer(string name, long min = long.MinValue) => Integer(name, Find(name), min);

    public long? Integer(string name, JsonElement value, long min = long.MinValue)
    {
        if (!IsPresent(name, value, required: false))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Fail(name, $"must be a whole number, not {Describe(value)}.");
            return null;
        }

        if (number < min)
        {
            Fail(name, $"must be at least {min}.");
            return null;
        }

        return number;
    }

    public bool? Boolean(string name) => Boolean(name, Find(name));

    public bool? Boolean(string name, JsonElement value)
    {
        if (!IsPresent(name, value, required: false))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail(name, $"must be true or false, not {Describe(value)}.");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>An RFC 3339 time with an offset ("2026-05-01T10:00:00Z"), returned in UTC.</summary>
    public DateTimeOffset? Time(string name, bool required = false) => Time(name, Find(name), required);

    public DateTimeOffset? Time(string name, JsonElement value, bool required = false)
    {
        // Most times are plain RFC 3339; those are read from the UTF-8 bytes without a string.
        // Anything else takes the general path below, which also words every refusal.
        if (value.ValueKind == JsonValueKind.String && Rfc3339.TryParseUtf8(value, out var quick))
        {
            return quick;
        }

        var text = String(name, value, required, maxLength: 64);
        if (text is null)
        {
            return null;
        }

        if (!Rfc3339.TryParse(text, out var time))
        {
            Fail(name, $"must be an RFC 3339 time with an offset, such as 2026-05-01T10:00:00Z (got '{text}').");
            return null;
        }

        return time;
    }

    /// <summary>A flat object of string values, at most <paramref name="maxEntries"/> of them.</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string name, int maxEntries, int maxKeyLength, int maxValueLength) =>
        StringMap(name, Find(name), maxEntries, maxKeyLength, maxValueLength);

    public IReadOnlyDictionary<string, string>? StringMap(string name, JsonElement value, int maxEntries, int maxKeyLength, int maxValueLength)
    {
        if (!IsPresent(name, value, required: false))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(name, $"must be an object of string values, not {Describe(value)}.");
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var property in value.EnumerateObject())
        {
            if (map.Count == maxEntries)
            {
                Fail(name, $"must hold at most {maxEntries} entries.");
                return null;
            }

            if (!TryName(property, out var key))
            {
                FailInvalidName(name);
                ok = false;
            }
            else if (key.Length > maxKeyLength)
            {
                Fail($"{name}.{key[..16]}…", $"names must be at most {maxKeyLength} characters long.");
                ok = false;
            }
            else if (property.Value.ValueKind != JsonValueKind.String)
            {
                Fail($"{name}.{key}", $"must be a string, not {Describe(property.Value)}.");
                ok = false;
            }
            else if (!TryText(property.Value, out var entry))
            {
                Fail($"{name}.{key}", InvalidText);
                ok = false;
            }
            else if ((TouchpointLimits.IdProblem(key, maxKeyLength) ?? TouchpointLimits.TextProblem(entry, maxValueLength)) is { } problem)
            {
                Fail($"{name}.{key}", problem);
                ok = false;
            }
            else
            {
                map[key] = entry;
            }
        }

        return ok ? map : null;
    }

    private const string InvalidText = "must be valid Unicode text (it holds an unpaired surrogate).";

    // The reader checks that a \u escape has four hex digits, not that it pairs its surrogates;
    // turning such a string into .NET text throws, which must be the client's 400, not our 500.
    private static bool TryText(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private static bool TryName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    /// <summary>The property's value, or default (<see cref="JsonValueKind.Undefined"/>) when the object has none.</summary>
    private JsonElement Find(string name) => element.TryGetProperty(name, out var value) ? value : default;

    /// <summary>Absent and null are the same to every field; only a required one makes either a problem.</summary>
    private bool IsPresent(string name, JsonElement value, bool required)
    {
        if (value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            return true;
        }

        if (required)
        {
            Fail(name, "is required.");
        }

        return false;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
