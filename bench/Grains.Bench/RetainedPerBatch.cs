using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;

namespace CustomerSuccess.Grains.Bench;

/// <summary>
/// What a week's batch leaves in a customer's state that was not there before: the objects reachable
/// from the state after the batch and its evaluation but not before, by type and by the field that holds
/// them, per batch. These are what each young collection promotes and what makes the collector scan the
/// old states (docs/BENCHMARKS.md, issue 3, session 14); a part updated in place leaves nothing.
/// 2,000 customers of <see cref="EventMix"/>, measured over weeks 10 to 13 (the typical history).
/// </summary>
/// <remarks>
/// Sizes are estimates from the fields (64-bit layout without padding), good for ranking the parts.
/// The second table counts, per part of the state (a property of <see cref="CustomerState"/>), the
/// batches that leave something new in it, and how many batches would leave nothing if the parts up to
/// that line were updated in place: the order in which to change them, and what each step would give.
/// </remarks>
internal static class RetainedPerBatch
{
    private const int Customers = 2_000;
    private const int FirstMeasuredWeek = 10;
    private const int Weeks = 14;

    public static void Run()
    {
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset WeekStart(int week) => now.AddDays(-7 * (Weeks - week));
        var added = new Dictionary<string, (long Objects, long Bytes)>();
        long batches = 0, untouched = 0;
        var changedParts = new List<HashSet<string>>();
        for (var i = 0; i < Customers; i++)
        {
            var id = EventMix.CustomerId(i);
            var model = new CustomerModel(id, new CustomerState(), RuleSettings.Default, HealthSettings.Default, StateLimits.Default);
            model.SetProfile(EventMix.Profile(i, now), now);
            ObjectGraph? before = null;
            for (var week = 0; week < Weeks; week++)
            {
                EventMix.ApplyAndEvaluate(model, EventMix.Week(id, i, week, WeekStart(week)), WeekStart(week + 1));
                var after = ObjectGraph.Of(model.State);
                if (week >= FirstMeasuredWeek && before is not null)
                {
                    batches++;
                    var parts = new HashSet<string>();
                    untouched += after.AddNewSince(before, added, parts) == 0 ? 1 : 0;
                    changedParts.Add(parts);
                }

                before = after;
            }
        }

        Console.WriteLine($"retained: {Customers:N0} customers, weeks {FirstMeasuredWeek}-{Weeks - 1}: what each week's batch adds to the state (objects and estimated bytes per batch, by type @ holder)");
        foreach (var (part, (objects, bytes)) in added.OrderByDescending(p => p.Value.Bytes))
        {
            Console.WriteLine($"retained: {bytes / (double)batches,8:N1} bytes {objects / (double)batches,6:N2} objects  {part}");
        }

        Console.WriteLine($"retained: total {added.Values.Sum(v => v.Bytes) / (double)batches:N1} bytes per batch; batches that leave no new object in the state: {untouched:N0} of {batches:N0}");
        Console.WriteLine("retained: parts of the state by the batches that leave something new in them; batches that would leave nothing if the parts down to that line did not");
        var fixedParts = new HashSet<string>();
        foreach (var (part, count) in changedParts.SelectMany(p => p).CountBy(p => p).OrderByDescending(p => p.Value))
        {
            fixedParts.Add(part);
            var clean = changedParts.Count(p => p.IsSubsetOf(fixedParts));
            Console.WriteLine($"retained: {part,-14} {count,6:N0} batches; then {clean,6:N0} of {batches:N0} leave nothing");
        }
    }
}
