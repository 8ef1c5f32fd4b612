using CustomerSuccess.Actors;

namespace CustomerSuccess.Grains.Interfaces.Tasks;

/// <summary>
/// One CSM's live tasks across their customers (key: owner id, or <see cref="Unassigned"/>), in
/// memory mode; in PostgreSQL mode the tasks table is every owner's list and boards are not used.
/// Customer grains tell it when a task opens, changes or closes, never per event.
/// </summary>
public interface ITaskBoardGrain : IGrainWithStringKey
{
    /// <summary>The board key for customers without an owner.</summary>
    public const string Unassigned = "unassigned";

    /// <summary>
    /// Adds or replaces each task, in order; a closed task is removed from the board. A customer grain
    /// sends one evaluation's changes for this owner in one call.
    /// </summary>
    /// <remarks>Interleaves: it never awaits, so it may run while the board writes its checkpoint.</remarks>
    [AlwaysInterleave]
    Task UpsertAsync(IReadOnlyList<OutreachTask> tasks);

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
