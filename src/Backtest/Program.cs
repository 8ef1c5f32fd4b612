using CustomerSuccess.Backtest.Cli;

namespace CustomerSuccess.Backtest;

/// <summary>
/// <c>dotnet run --project src/Backtest -- COMMAND ...</c>: <c>backtest</c> replays a history through
/// the grains on a virtual clock, <c>generate</c> writes a simulated history, <c>import</c> loads a
/// history into a running engine over its HTTP API.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(Console.Out);
            return args.Length == 0 ? 2 : 0;
        }

        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "backtest" => await BacktestCommand.RunAsync(new CommandLine(rest, BacktestCommand.Flags)),
                "generate" => GenerateCommand.Run(new CommandLine(rest, new HashSet<string>())),
                "import" => await ImportCommand.RunAsync(new CommandLine(rest, ImportCommand.Flags)),
                _ => throw new UsageException($"unknown command '{args[0]}'."),
            };
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            PrintUsage(Console.Error);
            return 2;
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    private static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("usage: dotnet run -c Release --project src/Backtest -- COMMAND ...\n");
        writer.WriteLine(BacktestCommand.Usage);
        writer.WriteLine(GenerateCommand.Usage);
        writer.WriteLine(ImportCommand.Usage);
    }
}
