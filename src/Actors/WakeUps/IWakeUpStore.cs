namespace CustomerSuccess.Actors.WakeUps;

/// <summary>
/// Durable wake-ups: at most one due time per grain, kept in an index ordered by due time.
/// There is no timer per grain; the silo's scheduler asks for what is due.
/// </summary>
public interface IWakeUpStore
{
    /// <summary>Sets the grain's due time, replacing any earlier one; null removes it.</summary>
    Task SetAsync(WakeUpKey key, DateTimeOffset? dueAt, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="max"/> wake-ups due at or before <paramref name="now"/>, earliest first. A claimed wake-up is not handed out again until released.</summary>
    Task<IReadOnlyList<DueWakeUp>> ClaimDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Finishes a claimed wake-up: removes it, or with <paramref name="retryAt"/> sets it again, unless
    /// the grain set a new due time meanwhile (then the new one stands).
    /// </summary>
    Task CompleteAsync(DueWakeUp wakeUp, DateTimeOffset? retryAt, CancellationToken cancellationToken);

    /// <summary>The earliest unclaimed due time.</summary>
    Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken);

    /// <summary>Makes claims of a previous silo run (which died before finishing them) due again.</summary>
    Task ReleaseClaimsAsync(CancellationToken cancellationToken);
}
