namespace CustomerSuccess.Backtest.History;

/// <summary>Reads a history file row by row, without holding it in memory.</summary>
public interface IHistoryReader : IDisposable
{
    /// <summary>The next data row (good or bad); false at the end of the file.</summary>
    bool TryRead(out HistoryRow row);

    /// <summary>How far into the file the reader is, for progress.</summary>
    long Position { get; }

    /// <summary>The file's length in bytes, for progress; 0 when unknown.</summary>
    long Length { get; }
}
