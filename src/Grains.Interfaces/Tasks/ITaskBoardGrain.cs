using CustomerSuccess.Actors;

namespace CustomerSuccess.Grains.Interfaces.Tasks;

/// <summary>
/// One CSM's live tasks across their customers (key: owner id, or <see cref="Unassigned"/>).
/// Customer grains tell it when a task opens, changes or closes, never per event.
/// </summary>
public interface ITaskBoardGrain : IGrainWithStringKey
{
    /// <summary>The board key for customers without an owner.</summary>
    public const string Unassigned = "unassigned";

    /// <summary>Adds or replaces the task; a closed task is removed from the board.</summary>
    /// <remarks>
    /// Interleaves: the board changes before the first await, and then only waits for the tasks
    /// table, whose rows only move forward in time. Awaiting that one at a time would make every
    /// customer of an owner wait for the others' round trips.
    /// </remarks>
    [AlwaysInterleave]
    Task UpsertAsync(OutreachTask task);

    /// <summary>
    /// Replaces everything the board holds for one customer with its live tasks for this owner (none
    /// when the customer moved to another owner). A customer grain calls it once per activation, which
    /// repairs a board that lost recent changes.
    /// </summary>
    /// <remarks>Interleaves, for the reason given on <see cref="UpsertAsync"/>.</remarks>
    [AlwaysInterleave]
    Task SyncCustomerAsync(string customerId, IReadOnlyList<OutreachTask> liveTasks);

    /// <summary>The live tasks, most urgent first (priority, then due time).</summary>
    Task<IReadOnlyList<OutreachTask>> GetTasksAsync(bool includeSnoozed = true);
}
