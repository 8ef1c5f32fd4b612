using CustomerSuccess.Backtest.Generation;

namespace CustomerSuccess.Backtest.Tests.Support;

/// <summary>A temporary folder for history and report files, deleted with the test.</summary>
public sealed class HistoryFolder : IDisposable
{
    public HistoryFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cs-backtest-{Guid.NewGuid():N}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="lines"/> to a file in the folder and returns its path.</summary>
    public string Write(string name, params string[] lines)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public GeneratedHistory Generate(int customers, int seed, DateTimeOffset end) =>
        HistoryGenerator.Write(new GenerateOptions { Folder = Path, Customers = customers, Seed = seed, End = end });

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A report still open elsewhere; the temp folder is cleaned by the system.
        }
    }
}
