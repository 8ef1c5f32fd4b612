namespace CustomerSuccess.Grains.Interfaces.Tasks;

/// <summary>Where a task is in its life. Open and snoozed tasks are "live"; the others are closed.</summary>
public enum TaskState
{
    Open,
    Snoozed,
    Done,
    Dismissed,
    AutoClosed,
}
