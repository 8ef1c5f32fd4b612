using System.Text.Json;

namespace CustomerSuccess.Actors.Persistence;

/// <summary>
/// JSON for grain state. Unknown fields are ignored and missing ones keep their defaults, so a
/// state class can gain and lose fields between versions without a migration.
/// </summary>
public static class GrainStateSerializer
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        IncludeFields = false,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    public static byte[] Serialize<T>(T state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    public static T Deserialize<T>(byte[] json) where T : new() =>
        JsonSerializer.Deserialize<T>(json, Options) ?? new T();
}
