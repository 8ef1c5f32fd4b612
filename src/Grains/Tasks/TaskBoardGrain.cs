using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Tasks;

/// <summary>One CSM's list of live tasks, fed by customer grains when a task opens, changes or closes.</summary>
public sealed class TaskBoardGrain(IPersistentState<TaskBoardState> state) : Grain, ITaskBoardGrain
{
    public async Task UpsertAsync(OutreachTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var tasks = state.State.Tasks;
        if (task.IsLive)
        {
            tasks[task.Id] = task;
        }
        else if (!tasks.Remove(task.Id))
        {
            return;
        }

        await state.WriteStateAsync();
    }

    public async Task RemoveAsync(string taskId)
    {
        if (state.State.Tasks.Remove(taskId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<OutreachTask>> GetTasksAsync(bool includeSnoozed = true)
    {
        IReadOnlyList<OutreachTask> tasks = state.State.Tasks.Values
            .Where(t => includeSnoozed || t.State == TaskState.Open)
            .OrderBy(t => t.Priority)
            .ThenBy(t => t.DueAt)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(tasks);
    }
}
