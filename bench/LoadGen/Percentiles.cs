using System.Globalization;

namespace CustomerSuccess.LoadGen;

/// <summary>
/// Exact percentiles from every sample (a sorted copy, nearest rank): the runs hold at most a few
/// hundred thousand samples, so no histogram bucketing is needed and nothing is rounded away.
/// </summary>
public static class Percentiles
{
    public static string Describe(IReadOnlyCollection<double> samplesMs)
    {
        if (samplesMs.Count == 0)
        {
            return "no samples";
        }

        var sorted = samplesMs.ToArray();
        Array.Sort(sorted);
        return string.Create(CultureInfo.InvariantCulture,
            $"n {sorted.Length}  p50 {At(sorted, 0.50):0.00}  p90 {At(sorted, 0.90):0.00}  p99 {At(sorted, 0.99):0.00}  max {sorted[^1]:0.00} ms");
    }

    /// <summary>Nearest rank: the smallest sample with at least <paramref name="quantile"/> of all samples at or below it.</summary>
    public static double At(double[] sorted, double quantile)
    {
        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
