using System.Diagnostics;
using System.Globalization;
using CustomerSuccess.Backtest.Generation;

namespace CustomerSuccess.Backtest.Cli;

/// <summary><c>generate [options]</c>: writes a simulated history to try the backtest on.</summary>
public static class GenerateCommand
{
    public const string Usage = """
        generate [options]
          --out DIR               where the files go (default: sim-history): history.jsonl, history.csv,
                                  profiles.jsonl, profiles.csv, truth.csv
          --customers N           customers (default 1000; about 87 events each over 90 days)
          --seed N                same seed, same history (default 42)
          --days N                days of history (default 90, at least 60)
          --owners N              CSMs csm-01..csm-NN (default 8)
          --end TIME              the end of the history (default 2026-01-05T09:00:00Z)
          --format F              jsonl, csv or both (default both)
        """;

    public static int Run(CommandLine args)
    {
        var defaults = new GenerateOptions { Folder = "sim-history" };
        var format = args.String("format") ?? "both";
        if (format is not ("jsonl" or "csv" or "both"))
        {
            throw new UsageException($"--format: '{format}' is not jsonl, csv or both.");
        }

        var options = defaults with
        {
            Folder = args.String("out") ?? defaults.Folder,
            Customers = args.Int("customers", defaults.Customers),
            Seed = args.Int("seed", defaults.Seed),
            Days = args.Int("days", defaults.Days),
            Owners = args.Int("owners", defaults.Owners),
            End = args.Time("end", defaults.End),
            JsonLines = format != "csv",
            Csv = format != "jsonl",
        };
        args.RejectUnknown();
        if (args.Positionals.Count > 0)
        {
            throw new UsageException("generate takes no positional arguments.");
        }

        if (options.Days < 60 || options.Owners < 1)
        {
            throw new UsageException("--days must be at least 60 and --owners at least 1.");
        }

        var watch = Stopwatch.StartNew();
        var history = HistoryGenerator.Write(options);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {history.Events.Count:N0} events of {history.Customers.Count:N0} customers to {options.Folder} in {watch.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }
}
