using System.Diagnostics;
using System.Globalization;
using CustomerSuccess.Backtest.History;
using CustomerSuccess.Backtest.Profiles;
using CustomerSuccess.Backtest.Replay;
using CustomerSuccess.Backtest.Reporting;
using CustomerSuccess.Grains.Interfaces.Customers;

namespace CustomerSuccess.Backtest.Cli;

/// <summary><c>backtest HISTORY [options]</c>: replays a history file and writes the report.</summary>
public static class BacktestCommand
{
    public const string Usage = """
        backtest HISTORY(.jsonl|.csv) [options]
          --profiles FILE         customer profiles (.jsonl or .csv: customerId,name,segment,ownerId,annualValue,renewalDate)
          --settings FILE         rule and health settings (JSON: {"rules": {...}, "health": {...}}); default DOMAIN.md's
          --out DIR               where report.md, report.json, first-tasks.csv and tasks.csv go (default: backtest-report)
          --tail DURATION         run the clock on after the last event so pending deadlines fire (default: 1d)
          --reorder-window DUR    how far out of time order the file may be (default: 1h)
          --step DURATION         apply events within this much of each other together (default: 0 = each at its own time)
          --skip-bad-rows         skip bad rows (listed in the report) instead of stopping at the first
          --profiles-at WHEN      after-first-event (default) or start
          --collection-age DUR    idle customers are deactivated after this much virtual time (default: 30d)
        """;

    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "skip-bad-rows" };

    public static async Task<int> RunAsync(CommandLine args)
    {
        if (args.Positionals.Count != 1)
        {
            throw new UsageException("backtest takes one history file.");
        }

        var history = args.Positionals[0];
        var profilesPath = args.String("profiles");
        var settingsPath = args.String("settings");
        var output = args.String("out") ?? "backtest-report";
        var defaults = new ReplayOptions();
        var options = new ReplayOptions
        {
            Tail = args.Duration("tail", defaults.Tail),
            ReorderWindow = args.Duration("reorder-window", defaults.ReorderWindow),
            Step = args.Duration("step", defaults.Step),
            SkipBadRows = args.Flag("skip-bad-rows"),
            CollectionAge = args.Duration("collection-age", defaults.CollectionAge),
            ProfilesAt = args.String("profiles-at") switch
            {
                null or "after-first-event" => ProfileTiming.AfterFirstEvent,
                "start" => ProfileTiming.Start,
                var other => throw new UsageException($"--profiles-at: '{other}' is not after-first-event or start."),
            },
        };
        args.RejectUnknown();
        if (options.CollectionAge <= TimeSpan.Zero)
        {
            throw new UsageException("--collection-age must be positive.");
        }

        options = options with { Settings = settingsPath is null ? new ReplaySettings() : ReplaySettings.Read(settingsPath) };
        IReadOnlyDictionary<string, CustomerProfile> profiles = profilesPath is null
            ? new SortedDictionary<string, CustomerProfile>(StringComparer.Ordinal)
            : ProfileFile.Read(profilesPath);

        var watch = Stopwatch.StartNew();
        var bar = ProgressBar.ForConsole();
        ReplayResult result;
        using (var reader = HistoryFiles.Open(history))
        {
            try
            {
                result = await new ReplayEngine(options).RunAsync(reader, profiles, bar is null ? null : bar.Report);
            }
            catch (BadRowException ex)
            {
                bar?.Finish();
                Console.Error.WriteLine($"{Path.GetFileName(history)} {ex.Message}");
                Console.Error.WriteLine("The run stopped at this row. Fix it, or pass --skip-bad-rows to skip bad rows (they are listed in the report).");
                return 1;
            }
        }

        var replaySeconds = watch.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        bar?.Finish();
        var report = ReportBuilder.Build(result, options, Path.GetFileName(history), profilesPath is null ? null : Path.GetFileName(profilesPath));
        ReportFiles.Write(output, report, result.Tasks);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Replayed {result.Events:N0} events of {result.Customers:N0} customers in {replaySeconds:0.0} s ({result.Events / Math.Max(replaySeconds, 0.001):N0} events/s); {report.Tasks.Total:N0} tasks opened; {result.BadRowCount:N0} bad rows skipped."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Deadlines fired: {result.DeadlinesFired:N0}; process CPU time {process.TotalProcessorTime.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores; GC {GC.CollectionCount(0)} gen0 / {GC.CollectionCount(1)} gen1 / {GC.CollectionCount(2)} gen2, {GC.GetTotalPauseDuration().TotalSeconds:0.0} s paused; peak working set {process.PeakWorkingSet64 / (1024 * 1024):N0} MiB."));
        Console.WriteLine($"Report: {Path.Combine(output, ReportFiles.Markdown)}, {Path.Combine(output, ReportFiles.Json)}, {Path.Combine(output, ReportFiles.FirstTasks)}, {Path.Combine(output, ReportFiles.AllTasks)}");
        return 0;
    }
}
