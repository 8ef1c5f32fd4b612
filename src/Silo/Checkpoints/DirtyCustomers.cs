namespace CustomerSuccess.Silo.Checkpoints;

/// <summary>
/// The customers that applied events from the log since the last checkpoint took them, each with the
/// log position of its first such event: the ones whose state may be newer than what is stored, and
/// how far back in the log each one's unsaved events go.
/// </summary>
public sealed class DirtyCustomers
{
    private readonly Lock _gate = new();
    private Dictionary<string, long> _customers = new(StringComparer.Ordinal);

    public int Count
    {
        get { lock (_gate) { return _customers.Count; } }
    }

    /// <summary>Notes <paramref name="customerId"/> dirty from <paramref name="position"/> on (an earlier note keeps its position).</summary>
    public void Add(string customerId, long position)
    {
        lock (_gate)
        {
            AddLocked(customerId, position);
        }
    }

    public void AddRange(ReadOnlySpan<KeyValuePair<string, long>> customers)
    {
        lock (_gate)
        {
            foreach (var (customerId, position) in customers)
            {
                AddLocked(customerId, position);
            }
        }
    }

    /// <summary>Takes the customers with their first unsaved positions and starts a new set.</summary>
    public Dictionary<string, long> Take()
    {
        lock (_gate)
        {
            var taken = _customers;
            _customers = new Dictionary<string, long>(StringComparer.Ordinal);
            return taken;
        }
    }

    private void AddLocked(string customerId, long position)
    {
        if (!_customers.TryGetValue(customerId, out var first) || position < first)
        {
            _customers[customerId] = position;
        }
    }
}
