namespace CustomerSuccess.Backtest.Replay;

/// <summary>How far a replay is: events applied, and bytes read of the file (0 of 0 when unknown).</summary>
public readonly record struct ReplayProgress(long Events, long BytesRead, long BytesTotal);
