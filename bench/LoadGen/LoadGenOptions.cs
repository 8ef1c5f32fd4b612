using System.Globalization;

namespace CustomerSuccess.LoadGen;

/// <summary>Command line: --url, --key, --connections, --batches, --batch-size, --customers.</summary>
public sealed record LoadGenOptions(Uri Url, string Key, int Connections, int Batches, int BatchSize, int Customers)
{
    public static LoadGenOptions Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var key = Get("--key") ?? Environment.GetEnvironmentVariable("LOADGEN_KEY")
            ?? throw new ArgumentException("Give an ingest or admin API key with --key or LOADGEN_KEY.");
        return new LoadGenOptions(
            new Uri(Get("--url") ?? "http://localhost:5080"),
            key,
            Int("--connections", 8),
            Int("--batches", 200),
            Int("--batch-size", 1000),
            Int("--customers", 100_000));
    }
}
