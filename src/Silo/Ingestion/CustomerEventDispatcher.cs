using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.Checkpoints;

namespace CustomerSuccess.Silo.Ingestion;

/// <summary>
/// Hands events to the customer grains: one call per customer, all customers at once. The calls
/// are queued before this returns its task, in the order of the events, so a caller that
/// dispatches in log order gets every customer's events applied in log order.
/// </summary>
public sealed class CustomerEventDispatcher(IGrainFactory grains)
{
    /// <param name="events">Events in log order (positions increasing, or all 0 without a log).</param>
    /// <param name="dirty">Where to note the customers whose state is now newer than what is stored; null without a checkpointer.</param>
    public Task<IngestResult> DispatchAsync(IReadOnlyList<LoggedTouchpoint> events, DirtyCustomers? dirty)
    {
        var byCustomer = new Dictionary<string, List<LoggedTouchpoint>>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var logged = events[i];
            if (!byCustomer.TryGetValue(logged.Event.CustomerId, out var list))
            {
                byCustomer[logged.Event.CustomerId] = list = [];
            }

            list.Add(logged);
        }

        var calls = new Task<ApplyResult>[byCustomer.Count];
        var c = 0;
        foreach (var (customerId, customerEvents) in byCustomer)
        {
            calls[c++] = grains.GetGrain<ICustomerGrain>(customerId).ApplyLoggedAsync(customerEvents);
        }

        // Noted after the calls are queued, so a checkpoint that takes these customers queues its
        // write behind them; and before the task exists, so the watermark cannot pass them first.
        dirty?.AddRange(byCustomer.Keys);

        return SumAsync(calls);
    }

    private static async Task<IngestResult> SumAsync(Task<ApplyResult>[] calls)
    {
        var results = await Task.WhenAll(calls).ConfigureAwait(false);
        int applied = 0, duplicates = 0;
        foreach (var result in results)
        {
            applied += result.Applied;
            duplicates += result.Duplicates;
        }

        return new IngestResult(applied, duplicates);
    }
}
