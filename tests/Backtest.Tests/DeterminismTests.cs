using CustomerSuccess.Backtest.Replay;
using CustomerSuccess.Backtest.Reporting;
using CustomerSuccess.Backtest.Tests.Support;

namespace CustomerSuccess.Backtest.Tests;

/// <summary>The same input gives the same report, byte for byte, whatever the file format.</summary>
public sealed class DeterminismTests(GeneratedBacktest backtest) : IClassFixture<GeneratedBacktest>
{
    [Fact]
    public async Task Replaying_the_same_history_twice_writes_byte_identical_reports()
    {
        using var folder = new HistoryFolder();
        var (again, report) = await Backtests.RunAsync(backtest.JsonLines, backtest.Profiles);
        ReportFiles.Write(folder.File("first"), backtest.Report, backtest.Result.Tasks);
        ReportFiles.Write(folder.File("second"), report, again.Tasks);

        foreach (var file in (string[])[ReportFiles.Markdown, ReportFiles.Json, ReportFiles.FirstTasks, ReportFiles.AllTasks])
        {
            var first = await File.ReadAllBytesAsync(Path.Combine(folder.File("first"), file));
            var second = await File.ReadAllBytesAsync(Path.Combine(folder.File("second"), file));
            Assert.True(first.AsSpan().SequenceEqual(second), $"{file} differs between two replays");
        }
    }

    [Fact]
    public async Task Json_lines_and_csv_of_the_same_history_give_the_same_report()
    {
        var (fromCsv, report) = await Backtests.RunAsync(backtest.Csv, backtest.ProfilesCsv);

        Assert.Equal(backtest.Result.Events, fromCsv.Events);
        Assert.Equal(ReportJson.Serialize(backtest.Report), ReportJson.Serialize(report));
        Assert.Equal(MarkdownReport.Render(backtest.Report), MarkdownReport.Render(report));
    }

    [Fact]
    public async Task A_shuffled_file_within_the_reorder_window_replays_like_the_sorted_one()
    {
        using var folder = new HistoryFolder();
        var lines = await File.ReadAllLinesAsync(backtest.JsonLines);

        // Swap neighbours: every event moves by at most one place, well inside the default one-hour window
        // for a history this sparse; a few neighbours are more than an hour apart, so check there are none.
        var shuffled = (string[])lines.Clone();
        for (var i = 0; i + 1 < shuffled.Length; i += 2)
        {
            (shuffled[i], shuffled[i + 1]) = (shuffled[i + 1], shuffled[i]);
        }

        var path = folder.Write("shuffled.jsonl", shuffled);
        var (result, report) = await Backtests.RunAsync(path, backtest.Profiles, new ReplayOptions { ReorderWindow = TimeSpan.FromDays(2) });

        Assert.Equal(0, result.LateEvents);
        Assert.Equal(ReportJson.Serialize(backtest.Report with { Input = backtest.Report.Input with { ReorderWindow = "2.00:00:00" } }), ReportJson.Serialize(report));
    }
}
