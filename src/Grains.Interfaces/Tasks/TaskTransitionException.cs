namespace CustomerSuccess.Grains.Interfaces.Tasks;

/// <summary>
/// A task action that its current state does not allow (completing a dismissed task, acting on an
/// unknown task). The API maps it to 404 Not Found when the task never existed, else 409 Conflict.
/// </summary>
public sealed class TaskTransitionException : InvalidOperationException
{
    public TaskTransitionException(string taskId, TaskState? from, string action)
        : this(taskId, from, action, existed: from is not null,
            from is null
                ? $"Task '{taskId}' does not exist, so it cannot be {action}."
                : $"Task '{taskId}' is {from.Value}; it cannot be {action}.")
    {
    }

    private TaskTransitionException(string taskId, TaskState? from, string action, bool existed, string message)
        : base(message)
    {
        TaskId = taskId;
        From = from;
        Action = action;
        Existed = existed;
    }

    public string TaskId { get; }

    /// <summary>The task's state; null when the task does not exist or its closing is no longer kept.</summary>
    public TaskState? From { get; }

    public string Action { get; }

    /// <summary>Whether the task exists or existed: false only for an id the customer never had.</summary>
    public bool Existed { get; }

    /// <summary>
    /// A task that was closed so long ago that the customer no longer keeps it (the closed list is
    /// capped): it cannot be acted on, like any closed task, though its final state is gone.
    /// </summary>
    public static TaskTransitionException ClosedLongAgo(string taskId, string action) =>
        new(taskId, null, action, existed: true, $"Task '{taskId}' was closed and is no longer kept; it cannot be {action}.");
}
