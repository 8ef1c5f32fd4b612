using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Silo.Tasks;

/// <summary>Memory mode: an owner's list is their task board, already in urgency order.</summary>
public sealed class BoardTaskList(IGrainFactory grains) : ITaskList
{
    public bool RequiresOwner => true;

    public async Task<IReadOnlyList<OutreachTask>> ListAsync(TaskListQuery query, CancellationToken cancellationToken)
    {
        var owner = query.OwnerId ?? throw new ArgumentException("Memory mode lists tasks per owner.", nameof(query));
        var board = await grains.GetGrain<ITaskBoardGrain>(owner).GetTasksAsync(includeSnoozed: query.State != TaskState.Open);
        var page = new List<OutreachTask>(Math.Min(query.Take, board.Count));
        foreach (var task in board)
        {
            if ((query.State is null || task.State == query.State)
                && (query.Rule is null || task.Rule == query.Rule)
                && (query.After is not { } after || IsAfter(task, after)))
            {
                page.Add(task);
                if (page.Count == query.Take)
                {
                    break;
                }
            }
        }

        return page;
    }

    private static bool IsAfter(OutreachTask task, TaskKey key) =>
        task.Priority != key.Priority ? task.Priority > key.Priority
        : task.DueAt != key.DueAt ? task.DueAt > key.DueAt
        : string.CompareOrdinal(task.Id, key.Id) > 0;
}
