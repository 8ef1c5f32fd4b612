using CustomerSuccess.Storage.Bench;

// dotnet run -c Release --project bench/Storage.Bench -- ingest [events]
var events = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
switch (args.Length > 0 ? args[0] : "ingest")
{
    case "ingest":
        await DurableIngestion.RunAsync(events);
        return 0;
    default:
        Console.Error.WriteLine("Usage: ingest [events]");
        return 2;
}
