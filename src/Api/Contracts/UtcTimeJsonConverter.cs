using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerSuccess.Api.Validation;

namespace CustomerSuccess.Api.Contracts;

/// <summary>Every time the API writes is RFC 3339 in UTC ("2026-05-01T10:00:00Z"), whatever offset it was stored with.</summary>
public sealed class UtcTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Rfc3339.TryParse(reader.GetString() ?? "", out var time) ? time : throw new JsonException("Expected an RFC 3339 time with an offset.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Rfc3339.Format(value));
}
