using System.Globalization;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Simulation;

/// <summary>
/// Writes one customer's touchpoints: numbers their ids, keeps them inside the window and sorts
/// them at the end. Ids are "{customerId}-{n}", unique across the portfolio and stable per seed.
/// </summary>
internal sealed class JourneyWriter(string customerId, DateTimeOffset start, DateTimeOffset end, List<TouchpointEvent> buffer)
{
    private int _sequence;

    public string CustomerId { get; } = customerId;

    public DateTimeOffset Start { get; } = start;

    public DateTimeOffset End { get; } = end;

    /// <summary>Adds an event if it falls inside the window; says whether it did.</summary>
    public bool Add(TouchpointType type, DateTimeOffset at, Channel channel, string? issueId = null, double? sentiment = null,
        double? score = null, bool isPublic = false, long reach = 0, decimal? value = null, double waitSeconds = 0,
        IReadOnlyDictionary<string, string>? attributes = null)
    {
        // Whole seconds, as integrators send them; it also keeps the portfolio's sort key compact.
        at = new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        if (at < Start || at > End)
        {
            return false;
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"{CustomerId}-{++_sequence:D4}");
        buffer.Add(new TouchpointEvent(id, CustomerId, type, at, channel, issueId, sentiment, score, isPublic, reach, value, waitSeconds, attributes));
        return true;
    }

    /// <summary>A renewal date in the form the domain and the API accept ("2026-12-31").</summary>
    public void Renewal(DateTimeOffset at, DateTimeOffset renewalDate) =>
        Add(TouchpointType.SubscriptionRenewal, at, Channel.Billing,
            attributes: new Dictionary<string, string>(1) { ["renewalDate"] = renewalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });

    /// <summary>The events in time order (ties by sequence, so the order is the same on every run).</summary>
    public TouchpointEvent[] ToSortedArray()
    {
        var events = buffer.ToArray();
        var keys = new long[events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            keys[i] = events[i].OccurredAt.UtcTicks;
        }

        // Ids are zero-padded sequence numbers, so a stable sort by time is a sort by (time, id).
        var order = new int[events.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        var sorted = new TouchpointEvent[events.Length];
        for (var i = 0; i < order.Length; i++)
        {
            sorted[i] = events[order[i]];
        }

        buffer.Clear();
        return sorted;
    }
}
