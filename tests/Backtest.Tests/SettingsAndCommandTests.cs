using CustomerSuccess.Backtest.Generation;
using CustomerSuccess.Backtest.Replay;
using CustomerSuccess.Backtest.Reporting;
using CustomerSuccess.Backtest.Tests.Support;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Backtest.Tests;

/// <summary>Rule settings from a file, and the commands end to end (exit codes and files).</summary>
public sealed class SettingsAndCommandTests : IDisposable
{
    private const string Nps3 = """{"id":"n-1","customerId":"c-1","type":"survey.nps","occurredAt":"2026-01-05T09:00:00Z","channel":"survey","score":3}""";

    private readonly HistoryFolder _folder = new();

    [Fact]
    public async Task Rule_settings_from_a_file_change_what_fires_and_are_written_into_the_report()
    {
        var history = _folder.Write("h.jsonl", Nps3);
        var settings = _folder.Write("s.json", """{"rules": {"detractorNps": 2, "effortMaxAge": "2.00:00:00"}, "health": {"healthyFrom": 80}}""");

        var (defaults, _) = await Backtests.RunAsync(history);
        var options = new ReplayOptions { Settings = ReplaySettings.Read(settings) };
        var (strict, report) = await Backtests.RunAsync(history, options: options);

        Assert.Contains(defaults.Tasks, t => t.First.Rule == RuleId.Detractor);
        Assert.DoesNotContain(strict.Tasks, t => t.First.Rule == RuleId.Detractor);
        Assert.Equal(2, report.Settings.Rules.DetractorNps);
        Assert.Equal(TimeSpan.FromDays(2), report.Settings.Rules.EffortMaxAge);
        Assert.Equal(80, report.Settings.Health.HealthyFrom);
        Assert.Equal(RuleSettings.Default.DetractorCsat, report.Settings.Rules.DetractorCsat);
    }

    [Fact]
    public void A_misspelt_setting_is_an_error_rather_than_a_silent_default()
    {
        var settings = _folder.Write("s.json", """{"rules": {"detractorNPS_": 2}}""");

        var error = Assert.Throws<InvalidDataException>(() => ReplaySettings.Read(settings));

        Assert.Contains("detractorNPS_", error.Message);
    }

    [Fact]
    public void A_setting_the_rules_cannot_honour_is_an_error_that_names_it()
    {
        var settings = _folder.Write("s.json", """{"rules": {"effortContacts": 9, "usageDropRatio": 0}, "health": {"watchFrom": 80}}""");

        var error = Assert.Throws<InvalidDataException>(() => ReplaySettings.Read(settings));

        Assert.Contains("rules: EffortContacts must be between 0 and 8 (was 9).", error.Message);
        Assert.Contains("rules: UsageDropRatio must be above 0", error.Message);
        Assert.Contains("health: The bands need", error.Message);
    }

    [Fact]
    public async Task Generate_then_backtest_from_the_command_line_writes_the_four_report_files()
    {
        var sim = _folder.File("sim");
        var report = _folder.File("report");

        Assert.Equal(0, await Program.Main(["generate", "--out", sim, "--customers", "16", "--seed", "4", "--format", "jsonl"]));
        Assert.True(File.Exists(Path.Combine(sim, HistoryGenerator.JsonLinesFile)));
        Assert.False(File.Exists(Path.Combine(sim, HistoryGenerator.CsvFile)));
        Assert.Equal(0, await Program.Main(["backtest", Path.Combine(sim, HistoryGenerator.JsonLinesFile),
            "--profiles", Path.Combine(sim, HistoryGenerator.ProfilesJsonLinesFile), "--out", report, "--tail", "2d"]));

        foreach (var file in (string[])[ReportFiles.Markdown, ReportFiles.Json, ReportFiles.FirstTasks, ReportFiles.AllTasks])
        {
            Assert.True(File.Exists(Path.Combine(report, file)), file);
        }

        Assert.StartsWith("# Backtest report", await File.ReadAllTextAsync(Path.Combine(report, ReportFiles.Markdown)));
        Assert.Contains("\"tail\": \"2.00:00:00\"", await File.ReadAllTextAsync(Path.Combine(report, ReportFiles.Json)));
    }

    [Fact]
    public async Task The_command_exits_1_on_a_bad_row_and_2_on_a_wrong_option()
    {
        var history = _folder.Write("h.jsonl", Nps3, "{\"id\":\"x\"}");

        Assert.Equal(1, await Program.Main(["backtest", history, "--out", _folder.File("r")]));
        Assert.Equal(0, await Program.Main(["backtest", history, "--out", _folder.File("r"), "--skip-bad-rows"]));
        Assert.Equal(2, await Program.Main(["backtest", history, "--skip-bad-row"]));
        Assert.Equal(2, await Program.Main(["backtest", history, "--tail", "soon"]));
        Assert.Equal(1, await Program.Main(["backtest", _folder.File("missing.jsonl")]));
    }

    public void Dispose() => _folder.Dispose();
}
