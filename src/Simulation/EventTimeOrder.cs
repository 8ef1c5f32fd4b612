using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Simulation;

/// <summary>All customers' events merged into one stream in time order, deterministically.</summary>
public static class EventTimeOrder
{
    /// <param name="customers">The customers, each with its events.</param>
    /// <param name="originTicks">UTC ticks at or before the earliest event.</param>
    public static TouchpointEvent[] Merge(SimulatedCustomer[] customers, long originTicks)
    {
        var total = 0;
        foreach (var customer in customers)
        {
            total += customer.Events.Length;
        }

        // Key: seconds since the origin, then the position in customer order. Unique keys make the
        // unstable Array.Sort deterministic and equal to a stable sort by time.
        var events = new TouchpointEvent[total];
        var keys = new long[total];
        var n = 0;
        foreach (var customer in customers)
        {
            foreach (var e in customer.Events)
            {
                keys[n] = ((e.OccurredAt.UtcTicks - originTicks) / TimeSpan.TicksPerSecond << 36) | (long)n;
                events[n++] = e;
            }
        }

        Array.Sort(keys, events);
        return events;
    }
}
