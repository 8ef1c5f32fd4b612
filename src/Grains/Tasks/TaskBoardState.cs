using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Tasks;

/// <summary>
/// A CSM's live tasks, grouped by customer (at most one per rule each), so a customer's update or
/// re-sync touches only its own few tasks however large the board is.
/// </summary>
public sealed class TaskBoardState
{
    public Dictionary<string, List<OutreachTask>> Customers { get; set; } = [];
}
