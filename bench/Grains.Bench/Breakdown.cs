using System.Diagnostics;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Bench;

/// <summary>
/// Where a batch's time goes, single-threaded, on the pure model: 20,000 customers each get one week
/// of <see cref="EventMix"/> per step (after 12 weeks of history), timing apply, describe, evaluate
/// and the state's serialisation (what the grain's write does in memory mode) separately.
/// </summary>
internal static class Breakdown
{
    private const int Count = 20_000;
    private const int Weeks = 16;

    public static void Run()
    {
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset WeekStart(int week) => now.AddDays(-7 * (Weeks - week));
        var models = new CustomerModel[Count];
        var ids = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            ids[i] = EventMix.CustomerId(i);
            models[i] = new CustomerModel(ids[i], new CustomerState(), RuleSettings.Default, HealthSettings.Default, StateLimits.Default);
            models[i].SetProfile(EventMix.Profile(i, now), now);
        }

        for (var week = 0; week < Weeks; week++)
        {
            var batches = new TouchpointEvent[Count][];
            long events = 0;
            for (var i = 0; i < Count; i++)
            {
                batches[i] = EventMix.Week(ids[i], i, week, WeekStart(week));
                events += batches[i].Length;
            }

            // Evaluated at the end of the week, as time passes for a live engine (see MemoryModeSilo).
            var weekEnd = WeekStart(week + 1);
            long changedTasks = 0, scoreChanges = 0;
            var byRule = new long[Interfaces.Tasks.RuleNames.Count];
            long sg = 0, sgBytes = 0, apply = 0, evaluate = 0, serialize = 0, bytes = 0;
            var gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) * 1000 + GC.CollectionCount(2) * 1_000_000;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Count; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                TouchpointEvent? newest = null;
                foreach (var e in batches[i])
                {
                    if (models[i].Apply(e) && (newest is null || e.OccurredAt >= newest.OccurredAt))
                    {
                        newest = e;
                    }
                }

                var t1 = Stopwatch.GetTimestamp();
                var t2 = Stopwatch.GetTimestamp();
                var evaluation = models[i].Evaluate(weekEnd, newest!);
                changedTasks += evaluation.ChangedTasks.Count;
                scoreChanges += evaluation.ScoreChange is null ? 0 : 1;
                foreach (var task in evaluation.ChangedTasks)
                {
                    byRule[(int)task.Rule]++;
                }

                var t3 = Stopwatch.GetTimestamp();
                bytes += GrainStateSerializer.Serialize(models[i].State).Length;
                var t4 = Stopwatch.GetTimestamp();
                sgBytes += System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(models[i].State, GrainStateJson.Default.CustomerState).Length;
                sg += Stopwatch.GetTimestamp() - t4;
                apply += t1 - t0;
                evaluate += t3 - t2;
                serialize += t4 - t3;
            }

            var perBatch = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Count;
            double Us(long ticks) => ticks * 1e6 / Stopwatch.Frequency / Count;
            if (week >= 12)
            {
                if (week == Weeks - 1)
                {
                    var parts = new Dictionary<string, long>();
                    for (var i = 0; i < Count; i += 20)
                    {
                        ResidentMemory.AddParts(parts, models[i].State);
                    }

                    Console.WriteLine($"breakdown: JSON by part per customer: {string.Join(", ", parts.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value / 1000.0:N0}"))}");
                    Console.WriteLine(System.Text.Encoding.UTF8.GetString(GrainStateSerializer.Serialize(models[7].State)));
                }

                Console.WriteLine($"breakdown week {week}: {events / (double)Count:N1} events/batch; per batch: apply {Us(apply):N1} µs, evaluate (cause described only when the score changes) {Us(evaluate):N1} µs, serialise {Us(serialize):N1} µs ({bytes / Count:N0} B), source-generated {Us(sg):N1} µs ({sgBytes / Count:N0} B); allocated {perBatch:N0} B");
                Console.WriteLine($"breakdown week {week}: per batch {changedTasks / (double)Count:N2} task changes for the boards ({string.Join(", ", byRule.Select((n, r) => $"{Interfaces.Tasks.RuleNames.ToName((Interfaces.Tasks.RuleId)r)} {n / (double)Count:N2}"))}), {scoreChanges / (double)Count:N2} score changes");
            }
        }
    }
}
