using System.Globalization;

namespace CustomerSuccess.LoadGen;

/// <summary>
/// Command line. The first argument may name the mode: <c>throughput</c> (default) or <c>latency</c>.
/// Either give <c>--url</c> and <c>--key</c> of a running engine, or <c>--engine</c> (the API's dll)
/// and LoadGen starts one itself with a key of its own (<c>--postgres</c> for PostgreSQL mode).
/// </summary>
public sealed record LoadGenOptions
{
    public required string Mode { get; init; }
    public Uri? Url { get; init; }
    public string? Key { get; init; }
    public string? EngineDll { get; init; }
    public string? Postgres { get; init; }

    /// <summary>Extra environment for the started engine only (<c>--engine-env NAME=VALUE</c>, repeatable), e.g. a GC knob to compare.</summary>
    public IReadOnlyList<string> EngineEnvironment { get; init; } = [];

    public int Connections { get; init; }
    public int Batches { get; init; }
    public int Warmup { get; init; }
    public int BatchSize { get; init; }
    public int Customers { get; init; }

    /// <summary>
    /// How far back the events' times reach (<c>--spread-minutes</c>), 30 days by default: history
    /// arriving late, so most rule deadlines have already passed and nearly every event changes a task.
    /// A few minutes is an integrator pushing touchpoints as they happen (the live workload of
    /// bench/Storage.Bench).
    /// </summary>
    public int SpreadMinutes { get; init; }

    /// <summary>Latency mode: events per second sent, open loop (a batch is sent when it is due, whatever came back).</summary>
    public int Rate { get; init; }

    /// <summary>Latency mode: how long to send at <see cref="Rate"/>.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Latency mode: seconds sent at the rate first and not counted (first activations, JIT).</summary>
    public int WarmupSeconds { get; init; }

    /// <summary>Latency mode: every Nth batch carries a probe (an event pair that opens a task at once).</summary>
    public int ProbeEvery { get; init; }

    public static LoadGenOptions Parse(string[] args)
    {
        var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "throughput";
        if (mode is not ("throughput" or "latency"))
        {
            throw new ArgumentException($"Unknown mode '{mode}': use throughput or latency.");
        }

        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var engine = Get("--engine");
        var key = Get("--key") ?? Environment.GetEnvironmentVariable("LOADGEN_KEY");
        if (engine is null && key is null)
        {
            throw new ArgumentException("Give --engine <CustomerSuccess.Api.dll> to start an engine, or an ingest/admin key with --key or LOADGEN_KEY.");
        }

        var spreadMinutes = Int("--spread-minutes", BatchWriter.DefaultSpreadMinutes);
        if (spreadMinutes < 1)
        {
            throw new ArgumentException($"--spread-minutes must be at least 1 (was {spreadMinutes}).");
        }

        var latency = mode == "latency";
        return new LoadGenOptions
        {
            Mode = mode,
            Url = Get("--url") is { } url ? new Uri(url) : engine is null ? new Uri("http://localhost:5080") : null,
            Key = key,
            EngineDll = engine,
            Postgres = Get("--postgres"),
            EngineEnvironment = [.. args.Select((a, i) => (a, i)).Where(p => p.a == "--engine-env" && p.i + 1 < args.Length).Select(p => args[p.i + 1])],
            Connections = Int("--connections", 8),
            Batches = Int("--batches", 200),
            Warmup = Int("--warmup", 0),
            BatchSize = Int("--batch-size", latency ? 100 : 1000),
            Customers = Int("--customers", 100_000),
            SpreadMinutes = spreadMinutes,
            Rate = Int("--rate", 5_000),
            Duration = TimeSpan.FromSeconds(Int("--seconds", 60)),
            ProbeEvery = Int("--probe-every", 5),
            WarmupSeconds = Int("--warmup-seconds", 10),
        };
    }
}
