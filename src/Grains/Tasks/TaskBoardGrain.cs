using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Tasks;

/// <summary>
/// One CSM's list of live tasks in memory mode, fed by customer grains (through
/// <see cref="TaskBoardProjection"/>) when a task opens, changes or closes. A board can hold
/// thousands of tasks, so it is not rewritten per change: it writes at deactivation, and on a timer
/// where <see cref="CheckpointSettings"/> asks for one (the engine's memory mode does not: its storage
/// dies with the process; a backtest does). Customer grains own the truth and re-sync their tasks on
/// activation, which repairs whatever a crash lost here. In PostgreSQL mode the tasks table is the
/// list and no board is used.
/// </summary>
public sealed class TaskBoardGrain(IPersistentState<TaskBoardState> state, CheckpointSettings? checkpoints = null)
    : Grain, ITaskBoardGrain
{
    // Rewriting a board on every change would cost a write per customer update; the runtime writes
    // it at deactivation, and the timer (if any) in between when it changed.
    private bool _changed;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var settings = checkpoints ?? CheckpointSettings.Default;
        if (settings.HasTimer)
        {
            RegisterGrainTimer(static (self, _) => self.CheckpointAsync(), this, settings.Interval, settings.Interval);
        }

        return Task.CompletedTask;
    }

    public Task UpsertAsync(IReadOnlyList<OutreachTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        for (var i = 0; i < tasks.Count; i++)
        {
            // All or nothing: refused before any task of the list is applied.
            if (tasks[i] is null)
            {
                throw new ArgumentException("A task list holds no nulls.", nameof(tasks));
            }
        }

        for (var i = 0; i < tasks.Count; i++)
        {
            Upsert(tasks[i]);
        }

        return Task.CompletedTask;
    }

    private void Upsert(OutreachTask task)
    {
        var customers = state.State.Customers;
        customers.TryGetValue(task.CustomerId, out var tasks);
        var index = tasks is null ? -1 : IndexOf(tasks, task.Id);
        if (task.IsLive)
        {
            if (tasks is null)
            {
                customers[task.CustomerId] = tasks = [];
            }

            if (index >= 0)
            {
                tasks[index] = task;
            }
            else
            {
                tasks.Add(task);
            }

            _changed = true;
        }
        else if (index >= 0)
        {
            Remove(task.CustomerId, tasks!, index);
        }
    }

    private static int IndexOf(List<OutreachTask> tasks, string id)
    {
        for (var i = 0; i < tasks.Count; i++)
        {
            if (tasks[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    public Task SyncCustomerAsync(string customerId, IReadOnlyList<OutreachTask> liveTasks)
    {
        ArgumentNullException.ThrowIfNull(liveTasks);
        var customers = state.State.Customers;
        var known = customers.GetValueOrDefault(customerId);
        if (liveTasks.Count == 0)
        {
            if (customers.Remove(customerId))
            {
                _changed = true;
            }
        }
        else if (known is null || !known.SequenceEqual(liveTasks))
        {
            customers[customerId] = [.. liveTasks];
            _changed = true;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutreachTask>> GetTasksAsync(bool includeSnoozed = true)
    {
        IReadOnlyList<OutreachTask> tasks = state.State.Customers.Values
            .SelectMany(t => t)
            .Where(t => includeSnoozed || t.State == TaskState.Open)
            .OrderBy(t => t.Priority)
            .ThenBy(t => t.DueAt)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(tasks);
    }

    private void Remove(string customerId, List<OutreachTask> tasks, int index)
    {
        tasks.RemoveAt(index);
        if (tasks.Count == 0)
        {
            state.State.Customers.Remove(customerId);
        }

        _changed = true;
    }

    private async Task CheckpointAsync()
    {
        if (_changed)
        {
            _changed = false;
            await state.WriteStateAsync();
        }
    }
}
