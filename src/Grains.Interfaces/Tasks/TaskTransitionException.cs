namespace CustomerSuccess.Grains.Interfaces.Tasks;

/// <summary>
/// A task action that its current state does not allow (completing a dismissed task, acting on an
/// unknown task). The API maps it to 409 Conflict.
/// </summary>
public sealed class TaskTransitionException(string taskId, TaskState? from, string action)
    : InvalidOperationException(from is null
        ? $"Task '{taskId}' does not exist, so it cannot be {action}."
        : $"Task '{taskId}' is {from.Value}; it cannot be {action}.")
{
    public string TaskId { get; } = taskId;

    /// <summary>The task's state; null when the task does not exist.</summary>
    public TaskState? From { get; } = from;

    public string Action { get; } = action;
}
