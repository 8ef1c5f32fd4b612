using System.Diagnostics;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;

namespace CustomerSuccess.Grains.Bench;

/// <summary>
/// What the customer grain's write costs in memory mode besides the storage's dictionary: serialising
/// a typical state (13 weeks of <see cref="EventMix"/>), reflection metadata vs the source-generated
/// <see cref="GrainStateJson"/>, interleaved, single-threaded, best of 5 rounds over 1,000 states.
/// </summary>
internal static class JsonCost
{
    public static void Run()
    {
        var now = DateTimeOffset.UtcNow;
        var states = new CustomerState[1_000];
        for (var i = 0; i < states.Length; i++)
        {
            var id = EventMix.CustomerId(i);
            var model = new CustomerModel(id, new CustomerState(), RuleSettings.Default, HealthSettings.Default, StateLimits.Default);
            model.SetProfile(EventMix.Profile(i, now), now);
            for (var week = 0; week < ResidentMemory.Weeks; week++)
            {
                foreach (var e in EventMix.Week(id, i, week, now.AddDays(-7 * (ResidentMemory.Weeks - week))))
                {
                    model.Apply(e);
                }

                model.Evaluate(now.AddDays(-7 * (ResidentMemory.Weeks - week - 1)), "week");
            }

            states[i] = model.State;
        }

        double reflection = double.MaxValue, generated = double.MaxValue, read = double.MaxValue;
        long bytes = 0;
        for (var round = 0; round < 6; round++)
        {
            var start = Stopwatch.GetTimestamp();
            bytes = 0;
            for (var r = 0; r < 10; r++)
            {
                foreach (var state in states)
                {
                    bytes += GrainStateSerializer.Serialize(state).Length;
                }
            }

            reflection = Math.Min(reflection, Stopwatch.GetElapsedTime(start).TotalMicroseconds / (10 * states.Length));
            start = Stopwatch.GetTimestamp();
            for (var r = 0; r < 10; r++)
            {
                foreach (var state in states)
                {
                    GrainStateSerializer.Serialize(state, GrainStateJson.Default.CustomerState);
                }
            }

            generated = Math.Min(generated, Stopwatch.GetElapsedTime(start).TotalMicroseconds / (10 * states.Length));
            var json = GrainStateSerializer.Serialize(states[round], GrainStateJson.Default.CustomerState);
            start = Stopwatch.GetTimestamp();
            for (var r = 0; r < 10_000; r++)
            {
                GrainStateSerializer.Deserialize(json, GrainStateJson.Default.CustomerState);
            }

            read = Math.Min(read, Stopwatch.GetElapsedTime(start).TotalMicroseconds / 10_000);
        }

        Console.WriteLine($"json: typical state {bytes / (10.0 * states.Length):N0} bytes; write with reflection metadata {reflection:N1} µs, source-generated {generated:N1} µs ({reflection / generated:N2}x); read (activation) {read:N1} µs");
    }
}
