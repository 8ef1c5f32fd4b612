namespace CustomerSuccess.Silo.EventLog;

/// <summary>
/// The outcome of appending a batch: the events that were new, each with its log position, and
/// how many were duplicates (already in the log, or repeated within the batch).
/// </summary>
public sealed record AppendResult(IReadOnlyList<AppendedEvent> Appended, int Duplicates)
{
    public int Accepted => Appended.Count;
}

/// <summary>A newly appended event and its position in the log.</summary>
public readonly record struct AppendedEvent(long Position, LogEvent Event);
