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

    /// <summary>The events in time order (ties in the order they were written, so every run gives the same order).</summary>
    public TouchpointEvent[] ToSortedArray()
    {
        var events = buffer.ToArray();
        buffer.Clear();
        // Whole seconds since the start, then the write position: unique keys, so the unstable
        // Array.Sort gives a stable, deterministic order without a comparison delegate.
        var start = Start.UtcTicks - Start.UtcTicks % TimeSpan.TicksPerSecond;
        var keys = new long[events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            keys[i] = ((events[i].OccurredAt.UtcTicks - start) / TimeSpan.TicksPerSecond << 20) | (long)i;
        }

        Array.Sort(keys, events);
        return events;
    }
}
