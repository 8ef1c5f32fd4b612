using CustomerSuccess.Actors.Bench;

// Runtime benchmarks for docs/BENCHMARKS.md. Each prints its figures; run in Release.
//   dotnet run -c Release --project bench/Actors.Bench -- calls|memory|wakeups|all
var which = args.Length > 0 ? args[0] : "all";
switch (which)
{
    case "calls":
        await CallThroughput.RunAsync();
        break;
    case "memory":
        await IdleActivationMemory.RunAsync();
        break;
    case "wakeups":
        await WakeUpScan.RunAsync();
        break;
    case "all":
        await IdleActivationMemory.RunAsync();
        await CallThroughput.RunAsync();
        await WakeUpScan.RunAsync();
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{which}'. Use calls, memory, wakeups or all.");
        return 2;
}

return 0;
