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
    /// when the customer moved to another owner). A customer grain calls it once per activation, which
    /// repairs a list that lost recent changes in a crash, and for both owners when its owner changes.
    /// <paramref name="tasks"/> may also hold the customer's recently closed tasks: a list keeps only
    /// the live ones, and the tasks table closes the rows whose closing it missed.
    /// </summary>
    Task SyncCustomerAsync(string customerId, string? ownerId, IReadOnlyList<OutreachTask> tasks);
}
