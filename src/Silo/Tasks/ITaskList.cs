using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Silo.Tasks;

/// <summary>The CSMs' task lists: per owner from the task boards, or across owners from the tasks table.</summary>
public interface ITaskList
{
    /// <summary>Whether a query must name an owner (memory mode keeps lists per owner only).</summary>
    bool RequiresOwner { get; }

    Task<IReadOnlyList<OutreachTask>> ListAsync(TaskListQuery query, CancellationToken cancellationToken);
}
