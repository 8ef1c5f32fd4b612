using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Silo.EventLog;

/// <summary>
/// Takes each committed flush, in flush order, before the next flush is handed over: whatever it
/// queues per customer therefore follows the log's order.
/// </summary>
public interface ICommittedFlushHandler
{
    /// <summary>Queues the flush's new events (in position order); the task completes once they are applied.</summary>
    Task OnCommitted(LogFlush flush, LoggedTouchpoint[] events);
}
