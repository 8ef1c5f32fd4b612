namespace CustomerSuccess.Silo.EventLog;

/// <summary>
/// Maps a customer to one of a fixed number of partitions by a stable hash of its id (FNV-1a over
/// the id's UTF-16 code units: the same in every process and version, unlike string.GetHashCode,
/// which is randomised per process). A silo owns partitions; the log stores the partition per event.
/// </summary>
public static class CustomerPartitioner
{
    public const int DefaultPartitionCount = 64;

    private const uint FnvOffsetBasis = 2166136261;
    private const uint FnvPrime = 16777619;

    public static int PartitionOf(string customerId, int partitionCount = DefaultPartitionCount)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var hash = FnvOffsetBasis;
        foreach (var c in customerId)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }

        return (int)(hash % (uint)partitionCount);
    }
}
