using CustomerSuccess.Backtest.History;
using CustomerSuccess.Backtest.Profiles;
using CustomerSuccess.Backtest.Replay;
using CustomerSuccess.Backtest.Reporting;
using CustomerSuccess.Grains.Interfaces.Customers;

namespace CustomerSuccess.Backtest.Tests.Support;

/// <summary>Runs a replay over files the way the command does, and builds its report.</summary>
internal static class Backtests
{
    public static async Task<(ReplayResult Result, BacktestReport Report)> RunAsync(string history, string? profiles = null, ReplayOptions? options = null)
    {
        options ??= new ReplayOptions();
        IReadOnlyDictionary<string, CustomerProfile> loaded = profiles is null
            ? new SortedDictionary<string, CustomerProfile>(StringComparer.Ordinal)
            : ProfileFile.Read(profiles);
        using var reader = HistoryFiles.Open(history);
        var result = await new ReplayEngine(options).RunAsync(reader, loaded);
        // The same display name for every format, so reports of a JSONL and a CSV file compare equal.
        return (result, ReportBuilder.Build(result, options, "history", profiles is null ? null : "profiles"));
    }
}
