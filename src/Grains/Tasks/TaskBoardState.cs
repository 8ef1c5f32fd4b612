using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Tasks;

/// <summary>A CSM's live tasks by task id.</summary>
public sealed class TaskBoardState
{
    public Dictionary<string, OutreachTask> Tasks { get; set; } = [];
}
