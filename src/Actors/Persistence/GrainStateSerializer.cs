using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

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

    /// <summary>
    /// Serialises with ready-made metadata, typically from a source-generated <c>JsonSerializerContext</c>
    /// declared with the same settings as <see cref="Options"/> (web defaults, unmapped members skipped),
    /// so the stored JSON is the same: it saves building reflection metadata on first use and is faster.
    /// </summary>
    public static byte[] Serialize<T>(T state, JsonTypeInfo<T>? typeInfo) =>
        typeInfo is null ? Serialize(state) : JsonSerializer.SerializeToUtf8Bytes(state, typeInfo);

    /// <summary>Deserialises with ready-made metadata; see <see cref="Serialize{T}(T, JsonTypeInfo{T})"/>.</summary>
    public static T Deserialize<T>(byte[] json, JsonTypeInfo<T>? typeInfo) where T : new() =>
        typeInfo is null ? Deserialize<T>(json) : JsonSerializer.Deserialize(json, typeInfo) ?? new T();
}
