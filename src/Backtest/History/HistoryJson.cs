using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerSuccess.Backtest.Profiles;

namespace CustomerSuccess.Backtest.History;

/// <summary>Source-generated JSON for history and profile lines: camelCase wire names, nulls left out.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WireEvent))]
[JsonSerializable(typeof(WireProfile))]
internal sealed partial class HistoryJson : JsonSerializerContext;
