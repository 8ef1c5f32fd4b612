using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Silo.Tasks;

/// <summary>
/// Source-generated JSON metadata for a task row's data (web defaults, as the API writes tasks):
/// the tasks table serialises every task change, so it should cost no reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OutreachTask))]
internal sealed partial class TaskJson : JsonSerializerContext;
