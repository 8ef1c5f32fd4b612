using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerSuccess.Backtest.History;

namespace CustomerSuccess.Backtest.Import;

/// <summary>The body of POST /v1/events.</summary>
internal sealed record EventBatchBody(IReadOnlyList<WireEvent> Events);

/// <summary>The answer to an accepted batch (202).</summary>
internal sealed record IngestAnswer(long Accepted, long Duplicates);

/// <summary>The body of PUT /v1/customers/{id}.</summary>
internal sealed record ProfileBody(string Name, string? Segment, string? OwnerId, decimal? AnnualValue, string? RenewalDate);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventBatchBody))]
[JsonSerializable(typeof(IngestAnswer))]
[JsonSerializable(typeof(ProfileBody))]
internal sealed partial class ImportJson : JsonSerializerContext;
