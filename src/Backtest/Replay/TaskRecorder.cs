using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tasks;

namespace CustomerSuccess.Backtest.Replay;

/// <summary>
/// The replay's task projection: customer grains hand every task change to it, as they hand them to
/// the tasks table in PostgreSQL mode, so the replay sees exactly what a live engine would show.
/// </summary>
public sealed class TaskRecorder(TimeProvider clock) : ITaskProjection
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RecordedTask> _tasks = new(StringComparer.Ordinal);

    public Task UpsertAsync(IReadOnlyList<OutreachTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        lock (_gate)
        {
            foreach (var task in tasks)
            {
                if (_tasks.TryGetValue(task.Id, out var recorded))
                {
                    recorded.Latest = task;
                }
                else
                {
                    _tasks[task.Id] = new RecordedTask(task, clock.GetUtcNow());
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task SyncCustomerAsync(string customerId, string? ownerId, IReadOnlyList<OutreachTask> tasks) => UpsertAsync(tasks);

    /// <summary>Every task seen, by id (ordinal), so reports do not depend on arrival order.</summary>
    public IReadOnlyList<RecordedTask> Snapshot()
    {
        lock (_gate)
        {
            var tasks = _tasks.Values.ToList();
            tasks.Sort(static (a, b) => string.CompareOrdinal(a.First.Id, b.First.Id));
            return tasks;
        }
    }
}
