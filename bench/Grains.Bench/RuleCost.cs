using System.Diagnostics;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Bench;

/// <summary>
/// The cost of evaluating the rules on a typical customer state (13 weeks of <see cref="EventMix"/>),
/// measured directly on the pure model, single-threaded, Stopwatch loops after a warm-up; 1,000
/// different customers in rotation so the figure is not one state hot in cache. Three figures:
/// the health score alone, the rule set alone (RuleEvaluator, given the score), and a full
/// <see cref="CustomerModel.Evaluate"/> (score, record, rules, task reconciliation, next deadline).
/// </summary>
internal static class RuleCost
{
    private const int Samples = 1_000;
    private const int Iterations = 2_000_000;

    public static void Run()
    {
        var now = DateTimeOffset.UtcNow;
        var models = new CustomerModel[Samples];
        for (var i = 0; i < Samples; i++)
        {
            var id = EventMix.CustomerId(i);
            models[i] = new CustomerModel(id, new CustomerState(), RuleSettings.Default, HealthSettings.Default, StateLimits.Default);
            models[i].SetProfile(EventMix.Profile(i, now), now);
            for (var week = 0; week < ResidentMemory.Weeks; week++)
            {
                foreach (var e in EventMix.Week(id, i, week, now.AddDays(-7 * (ResidentMemory.Weeks - week))))
                {
                    models[i].Apply(e);
                }

                models[i].Evaluate(now.AddDays(-7 * (ResidentMemory.Weeks - week - 1)), "week");
            }
        }

        var states = models.Select(m => m.State).ToArray();
        var scores = states.Select(s => HealthScorer.Score(s, now, HealthSettings.Default, RuleSettings.Default)).ToArray();
        var tasks = states.Count(s => s.Tasks.Live.Count > 0);
        Console.WriteLine($"rules: {Samples:N0} typical customers ({ResidentMemory.Weeks} weeks of history), {tasks} with live tasks; {Iterations:N0} evaluations per figure, best of 3 after a warm-up");

        var verdicts = new RuleVerdict[RuleNames.Count];
        var health = Time(i => HealthScorer.Score(states[i % Samples], now, HealthSettings.Default, RuleSettings.Default));
        var value = Time(i => HealthScorer.Value(states[i % Samples], now, HealthSettings.Default, RuleSettings.Default));
        var rulesText = Time(i => RuleEvaluator.Evaluate(states[i % Samples], scores[i % Samples].Score, scores[i % Samples].Band, now, RuleSettings.Default));
        var rules = Time(i =>
        {
            RuleEvaluator.Evaluate(states[i % Samples], scores[i % Samples].Score, scores[i % Samples].Band, now, RuleSettings.Default, verdicts);
            return verdicts;
        });
        // Returns a kept object, not the boxed answer, so the figure shows what the search allocates.
        var drift = Time(i => HealthScorer.NextBandChange(states[i % Samples], now, scores[i % Samples].Band, now + HealthScorer.DriftHorizon, HealthSettings.Default, RuleSettings.Default) is null ? verdicts : states);
        var drifting = states.Count(s => HealthScorer.NextBandChange(s, now, HealthScorer.Value(s, now, HealthSettings.Default, RuleSettings.Default).Band, now + HealthScorer.DriftHorizon, HealthSettings.Default, RuleSettings.Default) is not null);
        var full = Time(i => models[i % Samples].Evaluate(now, "bench"));
        Console.WriteLine($"rules: health score with reasons (read)  {health.Ns,8:N1} ns per evaluation, {health.Bytes,6:N0} bytes allocated");
        Console.WriteLine($"rules: health score alone (per batch)    {value.Ns,8:N1} ns per evaluation, {value.Bytes,6:N0} bytes allocated");
        Console.WriteLine($"rules: rule set with all text            {rulesText.Ns,8:N1} ns per evaluation, {rulesText.Bytes,6:N0} bytes allocated");
        Console.WriteLine($"rules: rule set (RuleEvaluator, no text) {rules.Ns,8:N1} ns per evaluation, {rules.Bytes,6:N0} bytes allocated");
        Console.WriteLine($"rules: drift search, a year, on its own {drift.Ns,8:N1} ns per evaluation, {drift.Bytes,6:N0} bytes allocated ({drifting:N0} of {Samples:N0} change band)");
        Console.WriteLine($"rules: full CustomerModel.Evaluate       {full.Ns,8:N1} ns per evaluation, {full.Bytes,6:N0} bytes allocated");
    }

    private static (double Ns, double Bytes) Time(Func<int, object> evaluate)
    {
        object? sink = null;
        for (var i = 0; i < Iterations / 10; i++)
        {
            sink = evaluate(i);
        }

        var best = double.MaxValue;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 3; round++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < Iterations; i++)
            {
                sink = evaluate(i);
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / Iterations);
        }

        GC.KeepAlive(sink);
        return (best, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (3.0 * Iterations));
    }
}
