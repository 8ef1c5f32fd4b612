namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// Recently applied event ids as 64-bit FNV-1a hashes in a ring. Integrators retry whole batches,
/// so duplicates are recent; the durable event log deduplicates for all time.
/// </summary>
public sealed class SeenEvents
{
    public long[] Hashes { get; set; } = [];

    public int Next { get; set; }

    /// <summary>Records the id; false when it was seen already.</summary>
    public bool TryAdd(string eventId, int capacity)
    {
        var hash = Hash(eventId);
        if (Hashes.Length != capacity)
        {
            Resize(capacity);
        }

        // Array.IndexOf over long[] is vectorised: ~128 compares cost a few nanoseconds.
        if (Array.IndexOf(Hashes, hash) >= 0)
        {
            return false;
        }

        Hashes[Next] = hash;
        Next = (Next + 1) % Hashes.Length;
        return true;
    }

    // Zero marks an empty slot, so a real hash of zero is nudged.
    public static long Hash(string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash == 0 ? 1 : (long)hash;
    }

    private void Resize(int capacity)
    {
        var resized = new long[capacity];
        var keep = Math.Min(capacity, Hashes.Length);
        for (var i = 0; i < keep; i++)
        {
            // Oldest first, so the newest survive a shrink.
            resized[i] = Hashes[(Next + Hashes.Length - keep + i) % Hashes.Length];
        }

        Hashes = resized;
        Next = keep % capacity;
    }
}
