using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Api.Tasks;

/// <summary>
/// Task ids are "{customerId}:{rule}:{sequence}" (see OutreachTask), so a task action can be routed
/// to its customer's grain without a lookup. Parsed from the right, because customer ids may contain ':'.
/// </summary>
public static class TaskId
{
    public static bool TryGetCustomerId(string taskId, out string customerId)
    {
        customerId = "";
        var last = taskId.LastIndexOf(':');
        if (last <= 0 || !int.TryParse(taskId.AsSpan(last + 1), out _))
        {
            return false;
        }

        var middle = taskId.LastIndexOf(':', last - 1);
        if (middle <= 0 || !RuleNames.TryParse(taskId[(middle + 1)..last], out _))
        {
            return false;
        }

        customerId = taskId[..middle];
        return true;
    }
}
