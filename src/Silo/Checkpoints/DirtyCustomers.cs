namespace CustomerSuccess.Silo.Checkpoints;

/// <summary>
/// The customers that applied events from the log since the last checkpoint took them: the ones
/// whose state may be newer than what is stored.
/// </summary>
public sealed class DirtyCustomers
{
    private readonly Lock _gate = new();
    private HashSet<string> _customers = new(StringComparer.Ordinal);

    public int Count
    {
        get { lock (_gate) { return _customers.Count; } }
    }

    public void Add(string customerId)
    {
        lock (_gate)
        {
            _customers.Add(customerId);
        }
    }

    public void AddRange(IEnumerable<string> customerIds)
    {
        lock (_gate)
        {
            foreach (var customerId in customerIds)
            {
                _customers.Add(customerId);
            }
        }
    }

    /// <summary>Takes the set and starts a new one.</summary>
    public HashSet<string> Take()
    {
        lock (_gate)
        {
            var taken = _customers;
            _customers = new HashSet<string>(StringComparer.Ordinal);
            return taken;
        }
    }
}
