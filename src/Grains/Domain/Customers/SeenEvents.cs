using System.Runtime.InteropServices;

namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// Recently applied event ids as 64-bit FNV-1a hashes in a ring. Integrators retry whole batches,
/// so duplicates are recent; the durable event log deduplicates for all time.
/// </summary>
/// <remarks>
/// The ring grows with the customer (8, 16, 32 … slots up to the capacity) rather than starting at
/// full size: a customer with twenty events stores and holds 32 slots, not 128 mostly empty ones,
/// which was a fifth of a young customer's stored state. Until it is full, <see cref="Next"/> counts
/// the slots in use; from then on it is the oldest slot, the next to be overwritten.
/// </remarks>
public sealed class SeenEvents
{
    private const int FirstSlots = 8;

    /// <summary>The ring as raw bytes, which JSON stores as base64: a third of the size of a number array.</summary>
    public byte[] Hashes { get; set; } = [];

    public int Next { get; set; }

    /// <summary>Records the id; false when it was seen already.</summary>
    public bool TryAdd(string eventId, int capacity)
    {
        var hash = Hash(eventId);
        var slots = Hashes.Length / sizeof(long);
        if (slots > capacity || (slots < capacity && Next < slots && Ring[Next] != 0))
        {
            // The capacity changed under a full ring: keep the newest, oldest first, at full size.
            Resize(capacity);
            slots = capacity;
        }

        // IndexOf over a span of longs is vectorised: ~128 compares cost a few nanoseconds.
        if (Ring.IndexOf(hash) >= 0)
        {
            return false;
        }

        if (slots < capacity && Next == slots)
        {
            Grow(Math.Min(capacity, Math.Max(FirstSlots, slots * 2)));
        }

        Ring[Next] = hash;
        Next++;
        if (Next == capacity)
        {
            // Full: from here on the oldest slot is overwritten.
            Next = 0;
        }

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

    private Span<long> Ring => MemoryMarshal.Cast<byte, long>(Hashes.AsSpan());

    // Slots in use stay where they are; the new ones are empty.
    private void Grow(int slots)
    {
        var grown = new byte[slots * sizeof(long)];
        Hashes.CopyTo(grown, 0);
        Hashes = grown;
    }

    private void Resize(int capacity)
    {
        var old = Ring.ToArray();
        var resized = new byte[capacity * sizeof(long)];
        var ring = MemoryMarshal.Cast<byte, long>(resized.AsSpan());
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
