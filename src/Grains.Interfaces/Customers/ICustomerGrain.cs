using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Interfaces.Customers;

/// <summary>
/// One customer (key: customer id): folds touchpoints from every channel into health, effort and
/// rhythm, raises and closes outreach tasks, and wakes itself at the next rule deadline.
/// </summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a batch of events (in any order, late ones included). Duplicates by event id are ignored.
    /// The state is written before this returns.
    /// </summary>
    /// <remarks>
    /// For a silo without an event log (memory mode, tests, tools). With a log, events reach the grain
    /// through <see cref="ApplyLoggedAsync"/> with their positions; the log is what deduplicates them,
    /// so an event applied here is not recognised if the same id later comes from the log.
    /// </remarks>
    Task<ApplyResult> ApplyAsync(IReadOnlyList<TouchpointEvent> events);

    /// <summary>
    /// Applies events that are already durable in the event log, delivered in log order. Events at
    /// or below the last position this customer applied are skipped (a replay after a crash), so
    /// the state is not written here: the log checkpointer asks for it (<see cref="CheckpointAsync"/>).
    /// </summary>
    Task<ApplyResult> ApplyLoggedAsync(IReadOnlyList<LoggedTouchpoint> events);

    /// <summary>Writes the state if events applied from the log changed it since the last write.</summary>
    Task CheckpointAsync();

    /// <summary>Sets the profile (name, segment, owning CSM, annual value, renewal date).</summary>
    Task SetProfileAsync(CustomerProfile profile);

    Task<CustomerProfile> GetProfileAsync();

    /// <summary>The health score as of the last evaluation, with each component's reasons.</summary>
    Task<HealthSnapshot> GetHealthAsync();

    /// <summary>Recorded score changes with their causes, newest first.</summary>
    Task<IReadOnlyList<ScoreChange>> GetScoreHistoryAsync();

    /// <summary>The effort ledgers of the open issues.</summary>
    Task<IReadOnlyList<IssueLedger>> GetOpenIssuesAsync();

    /// <summary>Touchpoints across channels, newest first.</summary>
    Task<TimelinePage> GetTimelineAsync(int skip = 0, int take = 20);

    /// <summary>Live tasks first (priority, due time), then the recently closed ones.</summary>
    Task<IReadOnlyList<OutreachTask>> GetTasksAsync();

    /// <summary>Marks a live task done. Throws <see cref="TaskTransitionException"/> if it is not live.</summary>
    Task<OutreachTask> CompleteTaskAsync(string taskId, string outcome, string? note = null);

    /// <summary>Snoozes an open task until a time; new evidence wakes it earlier. Throws <see cref="TaskTransitionException"/>.</summary>
    Task<OutreachTask> SnoozeTaskAsync(string taskId, DateTimeOffset until);

    /// <summary>Dismisses a live task; the rule stays quiet for the cool-down. Throws <see cref="TaskTransitionException"/>.</summary>
    Task<OutreachTask> DismissTaskAsync(string taskId, string reason);
}
