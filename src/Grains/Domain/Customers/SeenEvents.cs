namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// Recently applied event ids as 64-bit FNV-1a hashes in a ring. Integrators retry whole batches,
/// so duplicates are recent; the durable event log deduplicates for all time.
/// </summary>
public sealed class SeenEvents
{
    /// <summary>The ring as raw bytes, which JSON stores as base64: a third of the size of a number array.</summary>
    public byte[] Hashes { get; set; } = [];

    public int Next { get; set; }

    /// <summary>Records the id; false when it was seen already.</summary>
    public bool TryAdd(string eventId, int capacity)
    {
        var hash = Hash(eventId);
        if (Hashes.Length != capacity * sizeof(long))
        {
            Resize(capacity);
        }

        // IndexOf over a span of longs is vectorised: ~128 compares cost a few nanoseconds.
        var ring = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(Hashes.AsSpan());
        if (ring.IndexOf(hash) >= 0)
        {
            return false;
        }

        ring[Next] = hash;
        Next = (Next + 1) % ring.Length;
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
        var old = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(Hashes.AsSpan()).ToArray();
        var resized = new byte[capacity * sizeof(long)];
        var ring = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(resized.AsSpan());
        var keep = Math.Min(capacity, old.Length);
        for (var i = 0; i < keep; i++)
        {
            // Oldest first, so the newest survive a shrink.
            ring[i] = old[(Next + old.Length - keep + i) % old.Length];
        }

        Hashes = resized;
        Next = keep % capacity;
    }
}
