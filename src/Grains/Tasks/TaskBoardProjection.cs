using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Tasks;

/// <summary>Memory mode: each owner's task board grain is their list.</summary>
public sealed class TaskBoardProjection(IGrainFactory grains) : ITaskProjection
{
    public Task UpsertAsync(IReadOnlyList<OutreachTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0)
        {
            return Task.CompletedTask;
        }

        // One evaluation's changes nearly always share the customer's owner: one call then.
        var owner = tasks[0].OwnerId;
        for (var i = 1; i < tasks.Count; i++)
        {
            if (tasks[i].OwnerId != owner)
            {
                return UpsertByOwnerAsync(tasks);
            }
        }

        return Board(owner).UpsertAsync(tasks);
    }

    public Task SyncCustomerAsync(string customerId, string? ownerId, IReadOnlyList<OutreachTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var live = new List<OutreachTask>(tasks.Count);
        foreach (var task in tasks)
        {
            if (task.IsLive)
            {
                live.Add(task);
            }
        }

        return Board(ownerId).SyncCustomerAsync(customerId, live);
    }

    // Each owner's board in turn, in the order the tasks came: a task's changes stay in order.
    private async Task UpsertByOwnerAsync(IReadOnlyList<OutreachTask> tasks)
    {
        var byOwner = new Dictionary<string, List<OutreachTask>>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            var key = BoardKey(task.OwnerId);
            if (!byOwner.TryGetValue(key, out var list))
            {
                byOwner[key] = list = [];
            }

            list.Add(task);
        }

        foreach (var (owner, list) in byOwner)
        {
            await grains.GetGrain<ITaskBoardGrain>(owner).UpsertAsync(list);
        }
    }

    private static string BoardKey(string? ownerId) => string.IsNullOrEmpty(ownerId) ? ITaskBoardGrain.Unassigned : ownerId;

    private ITaskBoardGrain Board(string? ownerId) =>
        grains.GetGrain<ITaskBoardGrain>(BoardKey(ownerId));
}
