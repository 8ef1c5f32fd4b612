using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Silo.Ingestion;

/// <summary>Hands a batch to the customer grains: one call per customer, all customers at once.</summary>
public sealed class CustomerEventDispatcher(IGrainFactory grains)
{
    public async Task<IngestResult> DispatchAsync(IReadOnlyList<TouchpointEvent> events)
    {
        var byCustomer = new Dictionary<string, List<TouchpointEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!byCustomer.TryGetValue(e.CustomerId, out var list))
            {
                byCustomer[e.CustomerId] = list = [];
            }

            list.Add(e);
        }

        var calls = new Task<ApplyResult>[byCustomer.Count];
        var i = 0;
        foreach (var (customerId, customerEvents) in byCustomer)
        {
            calls[i++] = grains.GetGrain<ICustomerGrain>(customerId).ApplyAsync(customerEvents);
        }

        var results = await Task.WhenAll(calls);
        int applied = 0, duplicates = 0;
        foreach (var result in results)
        {
            applied += result.Applied;
            duplicates += result.Duplicates;
        }

        return new IngestResult(applied, duplicates);
    }
}
