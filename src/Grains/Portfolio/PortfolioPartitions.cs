namespace CustomerSuccess.Grains.Portfolio;

/// <summary>
/// Customers map to a fixed number of portfolio partitions by a stable hash of their id
/// (FNV-1a, not string.GetHashCode, which changes between processes).
/// </summary>
public static class PortfolioPartitions
{
    public const int Count = 16;

    public static int Of(string customerId)
    {
        var hash = 2166136261U;
        foreach (var c in customerId)
        {
            hash = (hash ^ c) * 16777619U;
        }

        return (int)(hash % Count);
    }

    public static string KeyOf(string customerId) => Key(Of(customerId));

    /// <summary>The grain key of partition <paramref name="partition"/> (0 to <see cref="Count"/> - 1).</summary>
    public static string Key(int partition) => partition.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
