using CustomerSuccess.Grains.Interfaces.Health;

namespace CustomerSuccess.Api.Customers;

/// <summary>The trend is read from the recorded score changes: the score now against the score a week ago.</summary>
public static class HealthTrendCalculator
{
    public const int Days = 7;

    /// <summary>The trend of <paramref name="score"/> at <paramref name="now"/>, from <paramref name="changes"/> (newest first, as the customer grain returns them).</summary>
    public static HealthTrend Calculate(int? score, IReadOnlyList<ScoreChange> changes, DateTimeOffset now)
    {
        if (score is null)
        {
            return new HealthTrend("unknown", null, Days);
        }

        var windowStart = now.AddDays(-Days);
        int? before = null;
        foreach (var change in changes)
        {
            if (change.At <= windowStart)
            {
                before = change.To;
                break;
            }

            // The oldest change inside the window so far: the score before it stood at the window's start.
            // History is capped, so when every kept change is inside the window this is the best estimate.
            before = change.From;
        }

        if (before is null)
        {
            return new HealthTrend("new", null, Days);
        }

        var delta = score.Value - before.Value;
        var direction = delta switch { >= 3 => "improving", <= -3 => "declining", _ => "stable" };
        return new HealthTrend(direction, delta, Days);
    }
}
