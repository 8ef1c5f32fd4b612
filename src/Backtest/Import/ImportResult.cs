using CustomerSuccess.Backtest.Replay;

namespace CustomerSuccess.Backtest.Import;

/// <summary>What an import sent and what the engine answered.</summary>
public sealed record ImportResult(long Events, long Accepted, long Duplicates, int Batches, int Retries, int Profiles, IReadOnlyList<BadRow> SkippedRows);
