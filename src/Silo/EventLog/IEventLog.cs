namespace CustomerSuccess.Silo.EventLog;

/// <summary>The log of accepted events. An append returns only once the batch is safe (committed).</summary>
/// <remarks>
/// Positions are reserved before the append that uses them, so that appends can overlap and still
/// keep their order: every position a reservation hands out is higher than all those handed out by
/// earlier reservations. A reserved position that is never used (a duplicate, a failed append, a
/// stop) is a gap that readers never see.
/// </remarks>
public interface IEventLog
{
    /// <summary>Reserves <paramref name="count"/> increasing positions, all above those of every earlier reservation.</summary>
    ValueTask<long[]> ReservePositionsAsync(int count, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a batch in one round trip, event i at <paramref name="positions"/>[i] (reserved, increasing);
    /// events whose id is already in the log, or earlier in the batch, are ignored and counted.
    /// The result lists the new events in the batch's order, each as the <see cref="LogEvent"/> object given.
    /// </summary>
    Task<AppendResult> AppendAsync(IReadOnlyList<LogEvent> events, long[] positions, CancellationToken cancellationToken);

    /// <summary>Events after <paramref name="afterPosition"/> in position order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AppendedEvent>> ReadAsync(long afterPosition, int limit, CancellationToken cancellationToken);
}
