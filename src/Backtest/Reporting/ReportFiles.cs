using System.Text;

namespace CustomerSuccess.Backtest.Reporting;

/// <summary>Writes report.md, report.json and first-tasks.csv into a folder (UTF-8, no BOM, "\n" line ends).</summary>
public static class ReportFiles
{
    public const string Markdown = "report.md";
    public const string Json = "report.json";
    public const string FirstTasks = "first-tasks.csv";

    public static void Write(string folder, BacktestReport report, IReadOnlyList<Replay.RecordedTask> tasks)
    {
        Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllText(Path.Combine(folder, Markdown), MarkdownReport.Render(report), utf8);
        File.WriteAllBytes(Path.Combine(folder, Json), ReportJson.Serialize(report));
        using var csv = new StreamWriter(Path.Combine(folder, FirstTasks), append: false, utf8) { NewLine = "\n" };
        FirstTasksCsv.Write(csv, tasks);
    }
}
