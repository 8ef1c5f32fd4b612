using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Tasks;

/// <summary>Memory mode: each owner's task board grain is their list.</summary>
public sealed class TaskBoardProjection(IGrainFactory grains) : ITaskProjection
{
    public async Task UpsertAsync(IReadOnlyList<OutreachTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        foreach (var task in tasks)
        {
            await Board(task.OwnerId).UpsertAsync(task);
        }
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

    private ITaskBoardGrain Board(string? ownerId) =>
        grains.GetGrain<ITaskBoardGrain>(string.IsNullOrEmpty(ownerId) ? ITaskBoardGrain.Unassigned : ownerId);
}
