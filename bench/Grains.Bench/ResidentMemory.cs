using System.Text.Json;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Bench;

/// <summary>
/// Bytes per resident customer with a typical history: 13 weeks (91 days) of <see cref="EventMix"/>,
/// one batch per week, each followed by an evaluation. Two figures, each the managed heap growth
/// after a compacting full GC divided by 100,000 (the customer id strings are allocated beforehand):
/// the pure <see cref="CustomerState"/> object graph (what a customer grain holds), and the whole
/// silo with 100,000 activated customer grains fed as the memory-mode engine feeds them
/// (<see cref="Interfaces.Customers.ICustomerGrain.ApplyLoggedAsync"/> without positions, so no
/// serialised copy until deactivation): activation, grain, state, wake-up, and the customers' share
/// of boards and portfolio partitions.
/// Also the serialised state (JSON) per customer, and which parts it is made of.
/// </summary>
internal static class ResidentMemory
{
    public const int Weeks = 13;

    public static async Task RunAsync()
    {
        var ids = EventMix.CustomerIds();
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset WeekStart(int week) => now.AddDays(-7 * (Weeks - week));

        // 1. The pure state.
        var before = Measure();
        var models = new CustomerModel[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            models[i] = new CustomerModel(ids[i], new CustomerState(), RuleSettings.Default, HealthSettings.Default, StateLimits.Default);
            models[i].SetProfile(EventMix.Profile(i, now), now);
        }

        for (var week = 0; week < Weeks; week++)
        {
            Parallel.For(0, ids.Length, i => EventMix.ApplyAndEvaluate(models[i], EventMix.Week(ids[i], i, week, WeekStart(week)), WeekStart(week + 1)));
        }

        var after = Measure();
        var stateBytes = (double)(after - before) / ids.Length;
        long json = 0;
        var parts = new Dictionary<string, long>();
        var objects = new Dictionary<string, (long Objects, long Bytes)>();
        for (var i = 0; i < ids.Length; i++)
        {
            var state = models[i].State;
            json += GrainStateSerializer.Serialize(state).Length;
            if (i % 100 == 0)
            {
                AddParts(parts, state);
                ObjectGraph.Of(state).AddNewSince(ObjectGraph.Empty, objects, []);
            }
        }

        var events = models.Sum(m => (long)m.State.Timeline.Count);
        var liveTasks = models.Sum(m => (long)m.State.Tasks.Live.Count);
        var history = models.Sum(m => (long)m.State.Health.History.Count);
        Console.WriteLine($"memory: {ids.Length:N0} customers, {Weeks} weeks of history each");
        Console.WriteLine($"memory: per customer on average: {events / (double)ids.Length:N1} timeline items, {history / (double)ids.Length:N1} score changes, {liveTasks / (double)ids.Length:N2} live tasks");
        Console.WriteLine($"memory: CustomerState object graph, bytes per customer {stateBytes,10:N1}");
        Console.WriteLine($"memory: serialised state (JSON), bytes per customer    {json / (double)ids.Length,10:N1}");
        Console.WriteLine($"memory: JSON by part (sample of 1,000): {string.Join(", ", parts.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value / 1000.0:N0}"))}");
        Console.WriteLine("memory: object graph by type @ holder (sample of 1,000; estimated bytes per customer, objects per customer):");
        foreach (var (kind, (count, bytes)) in objects.OrderByDescending(p => p.Value.Bytes).Take(40))
        {
            Console.WriteLine($"memory: {bytes / 1000.0,8:N1} {count / 1000.0,6:N2}  {kind}");
        }

        GC.KeepAlive(models);
        models = null!;

        // 2. The same histories in activated customer grains.
        var clock = new WeekClock(WeekStart(0));
        var silo = MemoryModeSilo.Build(clock);
        await silo.StartAsync();
        var grains = new ICustomerGrain[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            grains[i] = silo.GetGrain<ICustomerGrain>(ids[i]);
        }

        before = Measure();
        await ForAllAsync(ids.Length, i => grains[i].SetProfileAsync(EventMix.Profile(i, now)));
        for (var week = 0; week < Weeks; week++)
        {
            // Evaluated at the end of the week, as the pure models above are.
            var w = week;
            clock.Set(WeekStart(week + 1));
            await ForAllAsync(ids.Length, i => grains[i].ApplyLoggedAsync(LoggedTouchpoint.Unlogged(EventMix.Week(ids[i], i, w, WeekStart(w)))));
        }

        await silo.WhenIdleAsync();
        after = Measure();
        var siloBytes = (double)(after - before) / ids.Length;
        Console.WriteLine($"memory: {silo.ActivationCount:N0} activations in the silo");
        Console.WriteLine($"memory: bytes per resident customer (whole silo)      {siloBytes,10:N1}");
        Console.WriteLine($"memory: goal <= 2 KiB (2,048) per resident customer   {(siloBytes <= 2048 ? "met" : $"missed by {siloBytes - 2048:N0} bytes")}");
        GC.KeepAlive(grains);
        GC.KeepAlive(ids);
        await silo.StopAsync();
    }

    internal static void AddParts(Dictionary<string, long> parts, CustomerState state)
    {
        using var document = JsonDocument.Parse(GrainStateSerializer.Serialize(state));
        foreach (var property in document.RootElement.EnumerateObject())
        {
            parts[property.Name] = parts.GetValueOrDefault(property.Name) + property.Value.GetRawText().Length + property.Name.Length + 4;
        }
    }

    private static async Task ForAllAsync(int count, Func<int, Task> call)
    {
        var next = -1;
        var callers = new Task[1_000];
        for (var c = 0; c < callers.Length; c++)
        {
            callers[c] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    await call(i);
                }
            });
        }

        await Task.WhenAll(callers);
    }

    private static long Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
