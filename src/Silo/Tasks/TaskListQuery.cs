using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Silo.Tasks;

/// <summary>
/// A page of live tasks, most urgent first (priority, due time, id). <paramref name="After"/> is the
/// key of the last task of the previous page (keyset paging: stable while new tasks arrive).
/// </summary>
public sealed record TaskListQuery(string? OwnerId, TaskState? State, RuleId? Rule, TaskKey? After, int Take);

/// <summary>The sort key of a task in a list.</summary>
public readonly record struct TaskKey(int Priority, DateTimeOffset DueAt, string Id)
{
    public static TaskKey Of(OutreachTask task) => new(task.Priority, task.DueAt, task.Id);
}
