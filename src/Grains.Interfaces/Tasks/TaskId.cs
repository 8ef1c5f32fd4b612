namespace CustomerSuccess.Grains.Interfaces.Tasks;

/// <summary>
/// Task ids are "{customerId}:{rule}:{sequence}" (see OutreachTask), so a task action can be routed
/// to its customer's grain without a lookup, and a stored task need not repeat its customer id.
/// Parsed from the right, because customer ids may contain ':'.
/// </summary>
public static class TaskId
{
    /// <summary>The id of a customer's <paramref name="sequence"/>-th task of <paramref name="rule"/>.</summary>
    public static string Of(string customerId, RuleId rule, int sequence) => $"{customerId}:{rule.ToName()}:{sequence}";

    public static bool TryGetCustomerId(string taskId, out string customerId)
    {
        if (!TryGetCustomerIdLength(taskId, out var length))
        {
            customerId = "";
            return false;
        }

        customerId = taskId[..length];
        return true;
    }

    /// <summary>How long the customer id at the start of <paramref name="taskId"/> is, if it has the task id form.</summary>
    public static bool TryGetCustomerIdLength(string taskId, out int length) => TryParse(taskId, out length, out _, out _);

    /// <summary>The parts of a task id: its customer id's length, its rule and its sequence.</summary>
    public static bool TryParse(string taskId, out int customerIdLength, out RuleId rule, out int sequence)
    {
        customerIdLength = 0;
        rule = default;
        var last = taskId.LastIndexOf(':');
        if (last <= 0 || !int.TryParse(taskId.AsSpan(last + 1), out sequence))
        {
            sequence = 0;
            return false;
        }

        var middle = taskId.LastIndexOf(':', last - 1);
        if (middle <= 0 || !RuleNames.TryParse(taskId.AsSpan(middle + 1, last - middle - 1), out rule))
        {
            sequence = 0;
            return false;
        }

        customerIdLength = middle;
        return true;
    }
}
