namespace CustomerSuccess.Api.Bench;

/// <summary>
/// parse: reading + validating a 1,000-event batch; http: the HTTP layer's share of ingestion.
/// A named entry point, because the API's own top-level <c>Program</c> is what the factory hosts.
/// </summary>
public static class BenchProgram
{
    public static async Task Main(string[] args)
    {
        var command = args.Length > 0 ? args[0] : "all";
        if (command is "parse" or "all")
        {
            await ParseCost.RunAsync();
        }

        if (command is "http" or "all")
        {
            await HttpLayerShare.RunAsync();
        }
    }
}
