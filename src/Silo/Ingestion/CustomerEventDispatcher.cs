using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.Checkpoints;

namespace CustomerSuccess.Silo.Ingestion;

/// <summary>
/// Hands events to the customer grains: one call per customer, all customers at once, in the order
/// of the events, so a caller that dispatches in log order gets every customer's events applied in
/// log order.
/// </summary>
/// <remarks>
/// Events from the log must reach a customer without a gap: its state skips by log position, so a
/// customer that applied a later flush after failing an earlier one would skip the failed events at
/// the next replay. So a customer's logged call goes out only after its previous one succeeded, and
/// after a failure the customer takes no more events from the log until the next start, whose replay
/// (from the applied watermark, which cannot pass the failed flush) brings it up to date.
/// </remarks>
public sealed class CustomerEventDispatcher(IGrainFactory grains)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task<ApplyResult>> _inFlight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stopped = new(StringComparer.Ordinal);

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
        var firstPositions = new KeyValuePair<string, long>[byCustomer.Count];
        var c = 0;
        foreach (var (customerId, customerEvents) in byCustomer)
        {
            var grain = grains.GetGrain<ICustomerGrain>(customerId);
            firstPositions[c] = KeyValuePair.Create(customerId, customerEvents[0].Position);
            calls[c++] = customerEvents[0].IsLogged ? InOrder(customerId, grain, customerEvents, dirty) : grain.ApplyLoggedAsync(customerEvents);
        }

        // Noted after the calls are queued, so a checkpoint that takes these customers queues its
        // write behind them; and before the task exists, so the watermark cannot pass them first.
        // (A call that waits for the customer's previous one notes the customer again when it is done.)
        dirty?.AddRange(firstPositions);

        return SumAsync(calls);
    }

    private Task<ApplyResult> InOrder(string customerId, ICustomerGrain grain, List<LoggedTouchpoint> events, DirtyCustomers? dirty)
    {
        Task<ApplyResult> call;
        lock (_gate)
        {
            if (_stopped.Contains(customerId))
            {
                return Task.FromException<ApplyResult>(Stopped(customerId));
            }

            call = _inFlight.TryGetValue(customerId, out var previous)
                ? AfterAsync(previous, customerId, grain, events, dirty)
                : grain.ApplyLoggedAsync(events);
            if (call.IsCompleted)
            {
                // A turn can run inline and fail before this returns.
                if (!call.IsCompletedSuccessfully)
                {
                    _stopped.Add(customerId);
                }

                return call;
            }

            _inFlight[customerId] = call;
        }

        _ = ForgetWhenDoneAsync(customerId, call);
        return call;
    }

    private static async Task<ApplyResult> AfterAsync(Task<ApplyResult> previous, string customerId, ICustomerGrain grain, List<LoggedTouchpoint> events, DirtyCustomers? dirty)
    {
        try
        {
            await previous.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            throw Stopped(customerId, error);
        }

        var result = await grain.ApplyLoggedAsync(events).ConfigureAwait(false);
        dirty?.Add(customerId, events[0].Position);
        return result;
    }

    private async Task ForgetWhenDoneAsync(string customerId, Task<ApplyResult> call)
    {
        var failed = false;
        try
        {
            await call.ConfigureAwait(false);
        }
        catch
        {
            failed = true;
        }

        lock (_gate)
        {
            if (failed)
            {
                _stopped.Add(customerId);
            }

            if (_inFlight.TryGetValue(customerId, out var current) && ReferenceEquals(current, call))
            {
                _inFlight.Remove(customerId);
            }
        }
    }

    private static InvalidOperationException Stopped(string customerId, Exception? cause = null) =>
        new($"Customer {customerId} failed to apply earlier events from the log; it takes no later ones until the next start replays them in order.", cause);

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
