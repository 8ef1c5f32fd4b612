using CustomerSuccess.LoadGen;

// Modes: throughput (default) and latency; see LoadGenOptions and docs/BENCHMARKS.md (issue 5).
var options = LoadGenOptions.Parse(args);

await using var engine = options.EngineDll is { } dll ? await EngineProcess.StartAsync(dll, options.Postgres, options.EngineEnvironment) : null;
var url = engine?.Url ?? options.Url!;
var key = engine?.Key ?? options.Key!;
return options.Mode == "latency"
    ? await LatencyRun.RunAsync(options, url, key)
    : await ThroughputRun.RunAsync(options, url, key);
