using System.Text.Json;

namespace CustomerSuccess.Grains.Domain;

/// <summary>
/// A time in the stored forms of a state: its UTC ticks when its offset is zero (nearly always: 18
/// digits instead of a 35-character ISO string, and cheaper to write), else its ISO string, so it
/// reads back with its offset. Reads either, so values stored as ISO strings read back unchanged.
/// </summary>
internal static class StoredTime
{
    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DateTimeOffset value)
    {
        if (value.Offset == TimeSpan.Zero)
        {
            writer.WriteNumber(name, value.UtcTicks);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteValue(Utf8JsonWriter writer, DateTimeOffset value)
    {
        if (value.Offset == TimeSpan.Zero)
        {
            writer.WriteNumberValue(value.UtcTicks);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    public static DateTimeOffset Read(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number
            ? new DateTimeOffset(reader.GetInt64(), TimeSpan.Zero)
            : reader.GetDateTimeOffset();

    public static DateTimeOffset? ReadNullable(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : Read(ref reader);
}
