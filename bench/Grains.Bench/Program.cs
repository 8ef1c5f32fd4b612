using CustomerSuccess.Grains.Bench;

// Domain benchmarks for docs/BENCHMARKS.md (issue 3). Each prints its figures; run in Release.
//   dotnet run -c Release --project bench/Grains.Bench -- events [--no-baseline] [--history-weeks N]|memory|rules|all
// Diagnostics: json, breakdown, burst, retained (what each batch leaves in a customer's state),
// old-to-young PERCENT REFS (young collections against old objects pointing at young ones).
var which = args.Length > 0 ? args[0] : "all";
Console.WriteLine($"load average at start: {Load.Average()}");
switch (which)
{
    case "events":
        await EventThroughput.RunAsync(baseline: !args.Contains("--no-baseline"), historyWeeks: HistoryWeeks(args));
        break;
    case "memory":
        await ResidentMemory.RunAsync();
        break;
    case "retained":
        RetainedPerBatch.Run();
        break;
    case "old-to-young" when args.Length == 3 && int.TryParse(args[1], out var percent) && int.TryParse(args[2], out var refs):
        OldToYoungCost.Run(percent, refs);
        break;
    case "old-to-young":
        Console.Error.WriteLine("Usage: old-to-young PERCENT REFS (the share of states given new references each round, and how many each).");
        return 2;
    case "json":
        JsonCost.Run();
        break;
    case "burst":
        await FirstBurst.RunAsync(args.Contains("min32"), args.FirstOrDefault(a => a is "json" or "model" or "reflection"));
        break;
    case "breakdown":
        Breakdown.Run();
        break;
    case "rules":
        RuleCost.Run();
        break;
    case "all":
        RuleCost.Run();
        await ResidentMemory.RunAsync();
        await EventThroughput.RunAsync();
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{which}'. Use events, memory, rules or all.");
        return 2;
}

Console.WriteLine($"load average at end: {Load.Average()}");
return 0;

// Weeks of history before the events rounds: 13 (a typical history) unless --history-weeks says otherwise.
static int HistoryWeeks(string[] args)
{
    var at = Array.IndexOf(args, "--history-weeks");
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var weeks) && weeks >= 0
        ? weeks
        : at >= 0 ? throw new ArgumentException("--history-weeks takes a number of weeks, 0 or more.") : ResidentMemory.Weeks;
}

internal static class Load
{
    public static string Average() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
