using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Tasks;

/// <summary>
/// One CSM's list of live tasks, fed by customer grains when a task opens, changes or closes.
/// A board can hold thousands of tasks, so it is not rewritten per change: it checkpoints on a
/// timer and at deactivation. Customer grains own the truth and re-sync their tasks on activation,
/// which repairs whatever a crash lost here.
/// </summary>
public sealed class TaskBoardGrain(IPersistentState<TaskBoardState> state) : Grain, ITaskBoardGrain
{
    /// <summary>How often a changed board is written.</summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(5);

    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RegisterGrainTimer(static (self, _) => self.CheckpointAsync(), this, CheckpointInterval, CheckpointInterval);
        return Task.CompletedTask;
    }

    public Task UpsertAsync(OutreachTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var tasks = state.State.Tasks;
        if (task.IsLive)
        {
            tasks[task.Id] = task;
            _dirty = true;
        }
        else
        {
            _dirty |= tasks.Remove(task.Id);
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(string taskId)
    {
        _dirty |= state.State.Tasks.Remove(taskId);
        return Task.CompletedTask;
    }

    public Task SyncCustomerAsync(string customerId, IReadOnlyList<OutreachTask> liveTasks)
    {
        ArgumentNullException.ThrowIfNull(liveTasks);
        var tasks = state.State.Tasks;
        List<string>? stale = null;
        foreach (var (id, task) in tasks)
        {
            if (task.CustomerId == customerId && !liveTasks.Any(t => t.Id == id))
            {
                (stale ??= []).Add(id);
            }
        }

        foreach (var id in stale ?? [])
        {
            tasks.Remove(id);
            _dirty = true;
        }

        foreach (var task in liveTasks)
        {
            if (!tasks.TryGetValue(task.Id, out var known) || known != task)
            {
                tasks[task.Id] = task;
                _dirty = true;
            }
        }

        return Task.CompletedTask;
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

    private async Task CheckpointAsync()
    {
        if (_dirty)
        {
            _dirty = false;
            await state.WriteStateAsync();
        }
    }
}
