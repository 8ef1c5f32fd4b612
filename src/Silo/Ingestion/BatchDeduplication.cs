using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Silo.Ingestion;

/// <summary>An event id repeated within one batch is the integrator's retry inside the batch: the first one counts.</summary>
internal static class BatchDeduplication
{
    public static IReadOnlyList<TouchpointEvent> FirstOfEachId(IReadOnlyList<TouchpointEvent> events, out int duplicates)
    {
        var seen = new HashSet<string>(events.Count, StringComparer.Ordinal);
        List<TouchpointEvent>? unique = null;
        for (var i = 0; i < events.Count; i++)
        {
            if (seen.Add(events[i].Id))
            {
                unique?.Add(events[i]);
                continue;
            }

            if (unique is null)
            {
                unique = new List<TouchpointEvent>(events.Count);
                for (var j = 0; j < i; j++)
                {
                    unique.Add(events[j]);
                }
            }
        }

        duplicates = unique is null ? 0 : events.Count - unique.Count;
        return unique ?? events;
    }
}
