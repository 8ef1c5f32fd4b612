namespace CustomerSuccess.Backtest.Replay;

/// <summary>A bad row stopped the run (no option to skip bad rows was given).</summary>
public sealed class BadRowException(long line, string problem)
    : Exception($"line {line}: {problem}")
{
    public long Line { get; } = line;

    public string Problem { get; } = problem;
}
