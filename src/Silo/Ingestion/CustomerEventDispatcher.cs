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
    // A flush touches thousands of customers; their last calls are kept until a sweep finds them done,
    // so completing a call costs nothing here (no continuation per call, no lock a completing thread
    // and the dispatching one contend for).
    private const int FirstSweepAt = 1_024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task<ApplyResult>> _lastCall = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stopped = new(StringComparer.Ordinal);
    private int _sweepAt = FirstSweepAt;

    /// <summary>Calls from the log still remembered (done ones until the next sweep).</summary>
    internal int KeptCalls
    {
        get
        {
            lock (_gate)
            {
                return _lastCall.Count;
            }
        }
    }

    /// <param name="events">Events in log order (positions increasing, or all 0 without a log).</param>
    /// <param name="dirty">Where to note the customers whose state is now newer than what is stored; null without a checkpointer.</param>
    public Task<IngestResult> DispatchAsync(IReadOnlyList<LoggedTouchpoint> events, DirtyCustomers? dirty)
    {
        // Each customer's events in one array of exactly their number, in the order given: most
        // customers have one event in a flush.
        var groups = new Dictionary<string, int>(events.Count, StringComparer.Ordinal);
        var groupOf = new int[events.Count];
        var sizes = new int[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var customerId = events[i].Event.CustomerId;
            if (!groups.TryGetValue(customerId, out var group))
            {
                groups[customerId] = group = groups.Count;
            }

            groupOf[i] = group;
            sizes[group]++;
        }

        var byCustomer = new LoggedTouchpoint[groups.Count][];
        for (var i = 0; i < events.Count; i++)
        {
            var group = groupOf[i];
            var customerEvents = byCustomer[group] ??= new LoggedTouchpoint[sizes[group]];
            customerEvents[customerEvents.Length - sizes[group]--] = events[i];
        }

        var calls = new Task<ApplyResult>[byCustomer.Length];
        var firstPositions = new KeyValuePair<string, long>[byCustomer.Length];
        if (events.Count > 0 && !events[0].IsLogged)
        {
            // Without a log (memory mode) there is no order to keep across calls: concurrent requests
            // dispatch without waiting for one another.
            foreach (var (customerId, group) in groups)
            {
                firstPositions[group] = KeyValuePair.Create(customerId, 0L);
                calls[group] = grains.GetGrain<ICustomerGrain>(customerId).ApplyLoggedAsync(byCustomer[group]);
            }
        }
        else
        {
            lock (_gate)
            {
                foreach (var (customerId, group) in groups)
                {
                    var customerEvents = byCustomer[group];
                    firstPositions[group] = KeyValuePair.Create(customerId, customerEvents[0].Position);
                    calls[group] = InOrderLocked(customerId, grains.GetGrain<ICustomerGrain>(customerId), customerEvents, dirty);
                }

                if (_lastCall.Count >= _sweepAt)
                {
                    SweepLocked();
                }
            }
        }

        // Noted after the calls are queued, so a checkpoint that takes these customers queues its
        // write behind them; and before the task exists, so the watermark cannot pass them first.
        // (A call that waits for the customer's previous one notes the customer again when it is done.)
        dirty?.AddRange(firstPositions);

        return SumAsync(calls);
    }

    private Task<ApplyResult> InOrderLocked(string customerId, ICustomerGrain grain, LoggedTouchpoint[] events, DirtyCustomers? dirty)
    {
        if (_stopped.Contains(customerId))
        {
            return Task.FromException<ApplyResult>(Stopped(customerId));
        }

        Task<ApplyResult> call;
        if (!_lastCall.TryGetValue(customerId, out var previous) || previous.IsCompletedSuccessfully)
        {
            call = grain.ApplyLoggedAsync(events);
        }
        else if (previous.IsCompleted)
        {
            StopLocked(customerId);
            return Task.FromException<ApplyResult>(Stopped(customerId, previous.Exception?.GetBaseException()));
        }
        else
        {
            call = AfterAsync(previous, customerId, grain, events, dirty);
        }

        if (call.IsCompleted && !call.IsCompletedSuccessfully)
        {
            // A turn can run inline and fail before this returns.
            StopLocked(customerId);
        }
        else
        {
            _lastCall[customerId] = call;
        }

        return call;
    }

    private void StopLocked(string customerId)
    {
        _stopped.Add(customerId);
        _lastCall.Remove(customerId);
    }

    // Forgets the calls that are done; a failed one stops its customer, as its next call would have.
    // The next sweep waits until the calls kept have doubled, so sweeping stays a small cost per call.
    private void SweepLocked()
    {
        List<string>? done = null;
        foreach (var (customerId, call) in _lastCall)
        {
            if (call.IsCompleted)
            {
                (done ??= []).Add(customerId);
            }
        }

        if (done is not null)
        {
            foreach (var customerId in done)
            {
                if (!_lastCall[customerId].IsCompletedSuccessfully)
                {
                    _stopped.Add(customerId);
                }

                _lastCall.Remove(customerId);
            }
        }

        _sweepAt = Math.Max(FirstSweepAt, 2 * _lastCall.Count);
    }

    private static async Task<ApplyResult> AfterAsync(Task<ApplyResult> previous, string customerId, ICustomerGrain grain, LoggedTouchpoint[] events, DirtyCustomers? dirty)
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
