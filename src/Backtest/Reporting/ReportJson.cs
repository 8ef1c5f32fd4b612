using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerSuccess.Backtest.Reporting;

/// <summary>report.json: camelCase, indented, nulls written (a missing figure reads as null, not as absent).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(BacktestReport))]
internal sealed partial class ReportJson : JsonSerializerContext
{
    public static byte[] Serialize(BacktestReport report) => JsonSerializer.SerializeToUtf8Bytes(report, Default.BacktestReport);
}
