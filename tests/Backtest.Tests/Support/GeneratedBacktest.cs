using CustomerSuccess.Backtest.Generation;
using CustomerSuccess.Backtest.Replay;
using CustomerSuccess.Backtest.Reporting;

namespace CustomerSuccess.Backtest.Tests.Support;

/// <summary>
/// One generated portfolio (known ground truth), written as files and backtested once, shared by
/// the tests of a class.
/// </summary>
public sealed class GeneratedBacktest : IAsyncLifetime
{
    public static readonly DateTimeOffset End = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly HistoryFolder _folder = new();

    public GeneratedHistory History { get; private set; } = null!;

    public ReplayResult Result { get; private set; } = null!;

    public BacktestReport Report { get; private set; } = null!;

    public string JsonLines => _folder.File(HistoryGenerator.JsonLinesFile);

    public string Csv => _folder.File(HistoryGenerator.CsvFile);

    public string Profiles => _folder.File(HistoryGenerator.ProfilesJsonLinesFile);

    public string ProfilesCsv => _folder.File(HistoryGenerator.ProfilesCsvFile);

    public async Task InitializeAsync()
    {
        History = _folder.Generate(customers: 240, seed: 7, End);
        (Result, Report) = await Backtests.RunAsync(JsonLines, Profiles);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
