namespace CustomerSuccess.Backtest.History;

/// <summary>Opens a history file by its extension: ".jsonl" / ".ndjson" for JSON Lines, ".csv" for CSV.</summary>
public static class HistoryFiles
{
    public static IHistoryReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return IsCsv(path) ? new CsvHistoryReader(stream) : IsJsonLines(path) ? new JsonLinesHistoryReader(stream)
                : throw new ArgumentException($"'{path}': a history file ends in .jsonl (JSON Lines) or .csv.", nameof(path));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    public static bool IsJsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);
}
