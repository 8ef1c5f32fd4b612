namespace CustomerSuccess.Silo.EventLog;

/// <summary>Appending without managing positions, for callers with one batch at a time.</summary>
public static class EventLogExtensions
{
    /// <summary>Reserves positions for a batch and appends it.</summary>
    public static async Task<AppendResult> AppendAsync(this IEventLog log, IReadOnlyList<LogEvent> events, CancellationToken cancellationToken)
    {
        var positions = await log.ReservePositionsAsync(events.Count, cancellationToken).ConfigureAwait(false);
        return await log.AppendAsync(events, positions, cancellationToken).ConfigureAwait(false);
    }
}
