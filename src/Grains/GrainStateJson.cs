using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Portfolio;
using CustomerSuccess.Grains.Tasks;

namespace CustomerSuccess.Grains;

/// <summary>
/// Source-generated JSON metadata for the grains' states, with the settings of the runtime's
/// <c>GrainStateSerializer.Options</c> (web defaults, unmapped members skipped), so the stored JSON
/// is byte for byte what the reflection serialiser writes (a test holds them equal). It spares the
/// ~175 ms of reflection metadata the first customer write paid under load, and time on every write.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(CustomerState))]
[JsonSerializable(typeof(TaskBoardState))]
[JsonSerializable(typeof(PortfolioPartitionState))]
public sealed partial class GrainStateJson : JsonSerializerContext;
