using CustomerSuccess.Storage.Bench;

// dotnet run -c Release --project bench/Storage.Bench -- ingest [events] [live|backfill]
// dotnet run -c Release --project bench/Storage.Bench -- restart [customers] [days] [log tail]
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
switch (args.Length > 0 ? args[0] : "ingest")
{
    case "ingest":
        var workload = args.Length > 2 ? args[2] : "live";
        if (workload is not ("live" or "backfill"))
        {
            Console.Error.WriteLine($"Unknown ingest workload '{workload}': live or backfill.");
            return 2;
        }

        await DurableIngestion.RunAsync(Arg(1, 200_000), backfill: workload == "backfill");
        return 0;
    case "restart":
        await RestartTime.RunAsync(Arg(1, 1_000_000), Arg(2, 60), Arg(3, 100_000));
        return 0;
    default:
        Console.Error.WriteLine("Usage: ingest [events] [live|backfill] | restart [customers] [days] [log tail]");
        return 2;
}
