using System.Diagnostics;
using System.Globalization;
using CustomerSuccess.Backtest.History;
using CustomerSuccess.Backtest.Import;
using CustomerSuccess.Backtest.Profiles;
using CustomerSuccess.Backtest.Replay;
using CustomerSuccess.Grains.Interfaces.Customers;

namespace CustomerSuccess.Backtest.Cli;

/// <summary><c>import HISTORY --url URL --key KEY [options]</c>: loads a history into a running engine over its API.</summary>
public static class ImportCommand
{
    public const string Usage = """
        import HISTORY(.jsonl|.csv) --key KEY [options]
          --url URL               the engine (default http://localhost:5080)
          --key KEY               an ingest (or admin) API key
          --profiles FILE         profiles, PUT after the events
          --batch-size N          events per POST /v1/events (default 1000, at most 5000)
          --skip-bad-rows         skip bad rows instead of stopping at the first
        """;

    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "skip-bad-rows" };

    public static async Task<int> RunAsync(CommandLine args)
    {
        if (args.Positionals.Count != 1)
        {
            throw new UsageException("import takes one history file.");
        }

        var url = args.String("url") ?? "http://localhost:5080";
        var key = args.String("key") ?? throw new UsageException("import needs --key (an ingest API key).");
        var profilesPath = args.String("profiles");
        var options = new ImportOptions { BatchSize = args.Int("batch-size", 1_000), SkipBadRows = args.Flag("skip-bad-rows") };
        args.RejectUnknown();
        if (options.BatchSize is < 1 or > 5_000)
        {
            throw new UsageException("--batch-size is 1..5000.");
        }

        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var engine))
        {
            throw new UsageException($"--url: '{url}' is not an absolute URL.");
        }

        IReadOnlyDictionary<string, CustomerProfile> profiles = profilesPath is null
            ? new SortedDictionary<string, CustomerProfile>(StringComparer.Ordinal)
            : ProfileFile.Read(profilesPath);
        var watch = Stopwatch.StartNew();
        using var http = HistoryImporter.CreateClient(engine, key);
        using var reader = HistoryFiles.Open(args.Positionals[0]);
        try
        {
            var interactive = !Console.IsOutputRedirected;
            var result = await new HistoryImporter(http, options).ImportAsync(reader, profiles,
                interactive ? sent => Console.Write(string.Create(CultureInfo.InvariantCulture, $"\r{sent:N0} events sent   ")) : null);
            if (interactive)
            {
                Console.WriteLine();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Imported {result.Events:N0} events in {result.Batches:N0} batches ({result.Accepted:N0} accepted, {result.Duplicates:N0} duplicates, {result.Retries} retries) and {result.Profiles:N0} profiles in {watch.Elapsed.TotalSeconds:0.0} s; {result.SkippedRows.Count} bad rows skipped."));
            foreach (var row in result.SkippedRows)
            {
                Console.WriteLine($"  skipped line {row.Line}: {row.Problem}");
            }

            return 0;
        }
        catch (BadRowException ex)
        {
            Console.Error.WriteLine($"{Path.GetFileName(args.Positionals[0])} {ex.Message}");
            Console.Error.WriteLine("The import stopped at this row (earlier batches were sent). Fix it, or pass --skip-bad-rows.");
            return 1;
        }
        catch (Exception ex) when (ex is ImportFailedException or HttpRequestException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }
}
