namespace CustomerSuccess.Backtest.Replay;

/// <summary>A skipped row: its line number (header = line 1 in CSV) and what was wrong.</summary>
public sealed record BadRow(long Line, string Problem);
