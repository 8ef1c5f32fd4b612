using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerSuccess.Api.Contracts;

/// <summary>
/// camelCase properties, enums as kebab-case names ("at-risk", "awaiting-reply", "auto-closed") which
/// match the rule names of the domain, and UTC times.
/// </summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcTimeJsonConverter());
    }
}
