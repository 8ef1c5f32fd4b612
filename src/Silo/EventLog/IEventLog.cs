namespace CustomerSuccess.Silo.EventLog;

/// <summary>The log of accepted events. An append returns only once the batch is safe (committed).</summary>
public interface IEventLog
{
    /// <summary>Appends a batch in one round trip; events whose id is already in the log are ignored and counted.</summary>
    Task<AppendResult> AppendAsync(IReadOnlyList<LogEvent> events, CancellationToken cancellationToken);

    /// <summary>Events after <paramref name="afterPosition"/> in position order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AppendedEvent>> ReadAsync(long afterPosition, int limit, CancellationToken cancellationToken);
}
