using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Tasks;

/// <summary>
/// Where customer grains publish their task changes so that CSMs can list them: the owners' task
/// board grains in memory mode (<see cref="TaskBoardProjection"/>), the tasks table in PostgreSQL mode.
/// The table is every owner's board at once, so in that mode no grain keeps a copy of a board, and
/// restarting does not have to load thousands of boards to replay a few customers.
/// Upserts are idempotent: replaying a change never duplicates a task, and an older version never
/// overwrites a newer one.
/// </summary>
public interface ITaskProjection
{
    /// <summary>Tasks that opened, changed or closed.</summary>
    Task UpsertAsync(IReadOnlyList<OutreachTask> tasks);

    /// <summary>
    /// Replaces what <paramref name="ownerId"/>'s list holds for one customer with its live tasks (none
    /// when the customer moved to another owner). A customer grain calls it at the first evaluation of
    /// an activation, which repairs a list that lost recent changes in a crash (unless the list keeps
    /// every completed write, see <see cref="KeepsEveryCompletedWrite"/>), after a task write failed,
    /// and for both owners when its owner changes.
    /// <paramref name="tasks"/> may also hold the customer's recently closed tasks: a list keeps only
    /// the live ones, and the tasks table closes the rows whose closing it missed.
    /// </summary>
    Task SyncCustomerAsync(string customerId, string? ownerId, IReadOnlyList<OutreachTask> tasks);

    /// <summary>
    /// Whether an upsert that completed is durable, so that a crash never leaves the list behind a
    /// customer's stored state: its tasks change only in turns that wait for their upserts, and the
    /// state is stored after them. Then an activation need not re-sync, unless the state says its last
    /// task writes did not all succeed (<c>CustomerState.TaskListCurrent</c> is false). This is about
    /// rows behind the state only: a row ahead of it (a crash after a task action's write, before the
    /// state's) is not moved back by a re-sync either, as rows only move forward in time. A list whose
    /// writes complete before they are durable (the board grains keep theirs in grain state, written
    /// later) is re-synced by every activation.
    /// </summary>
    bool KeepsEveryCompletedWrite => false;
}
