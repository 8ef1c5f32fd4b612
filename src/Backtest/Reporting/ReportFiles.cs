using System.Text;

namespace CustomerSuccess.Backtest.Reporting;

/// <summary>Writes report.md, report.json, first-tasks.csv and tasks.csv into a folder (UTF-8, no BOM, "\n" line ends).</summary>
public static class ReportFiles
{
    public const string Markdown = "report.md";
    public const string Json = "report.json";
    public const string FirstTasks = "first-tasks.csv";
    public const string AllTasks = "tasks.csv";

    public static void Write(string folder, BacktestReport report, IReadOnlyList<Replay.RecordedTask> tasks)
    {
        Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllText(Path.Combine(folder, Markdown), MarkdownReport.Render(report), utf8);
        File.WriteAllBytes(Path.Combine(folder, Json), ReportJson.Serialize(report));
        using (var first = new StreamWriter(Path.Combine(folder, FirstTasks), append: false, utf8))
        {
            TaskCsv.WriteFirstTasks(first, tasks);
        }

        using var all = new StreamWriter(Path.Combine(folder, AllTasks), append: false, utf8, 1 << 16);
        TaskCsv.WriteAll(all, tasks);
    }
}
