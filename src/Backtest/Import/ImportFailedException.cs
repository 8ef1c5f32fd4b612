namespace CustomerSuccess.Backtest.Import;

/// <summary>The engine refused a request (or kept answering 429/503); the message has its status and answer.</summary>
public sealed class ImportFailedException(string message) : Exception(message);
