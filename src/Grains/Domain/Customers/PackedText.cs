namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>A slot of a packed list that keeps its strings as one run of bytes in a shared array.</summary>
internal interface IPackedTextSlot
{
    int TextStart { get; set; }

    int TextLength { get; }
}

/// <summary>
/// The shared byte array of a packed list (the timeline, the score history): items append their
/// strings as UTF-8, and dropped items leave their bytes behind until the array is full, when the
/// live runs are moved to its start. A new array is allocated only when the live runs outgrow it, so
/// a full list of a steady customer appends and drops for ever in the same array: no allocation per
/// item, and no new object for the collector to find referenced from an old state.
/// </summary>
internal static class PackedText
{
    // Live runs up to this size are gathered on the stack while they move (a full timeline or history
    // of a typical customer is 1-2 KB); larger ones in a pooled array.
    private const int StackScratch = 4096;

    /// <summary>Makes room for <paramref name="bytes"/> more bytes after <paramref name="used"/>.</summary>
    public static void Reserve<TSlot>(ref byte[] text, ref int used, Span<TSlot> slots, int bytes)
        where TSlot : struct, IPackedTextSlot
    {
        if (used + bytes <= text.Length)
        {
            return;
        }

        var live = 0;
        foreach (ref var slot in slots)
        {
            live += slot.TextLength;
        }

        // In place while a quarter of the array stays free after the move, so the next move is at
        // least that many bytes of new items away; otherwise a new array half again the live size. It
        // is also new, and smaller, when the live runs fill less than a third of this one (a run of
        // long ids has left the list), so a resident customer does not keep its largest array for ever.
        var needed = live + bytes;
        var sized = Math.Max(256, needed + needed / 2);
        if (needed <= text.Length - text.Length / 4 && sized >= text.Length / 2)
        {
            used = CompactInPlace(text, slots, live);
            return;
        }

        var grown = new byte[sized];
        used = Gather(text, slots, grown);
        text = grown;
    }

    // The runs are in no particular order in the array, so they are gathered in a scratch buffer first.
    private static int CompactInPlace<TSlot>(byte[] text, Span<TSlot> slots, int live)
        where TSlot : struct, IPackedTextSlot
    {
        byte[]? rented = null;
        Span<byte> scratch = live <= StackScratch
            ? stackalloc byte[live]
            : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(live));
        var at = Gather(text, slots, scratch);
        scratch[..at].CopyTo(text);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        return at;
    }

    // Copies the live runs, in slot order, to the start of destination and points the slots there.
    private static int Gather<TSlot>(byte[] text, Span<TSlot> slots, Span<byte> destination)
        where TSlot : struct, IPackedTextSlot
    {
        var at = 0;
        foreach (ref var slot in slots)
        {
            text.AsSpan(slot.TextStart, slot.TextLength).CopyTo(destination[at..]);
            slot.TextStart = at;
            at += slot.TextLength;
        }

        return at;
    }

    /// <summary>
    /// Opens <paramref name="index"/> among the first <paramref name="count"/> slots by moving the later
    /// ones down, growing the array first if it is full: to the cap exactly once past half of it, so a
    /// full list holds no empty slots.
    /// </summary>
    public static void OpenSlot<TSlot>(ref TSlot[] slots, int count, int index, int cap)
        where TSlot : struct
    {
        if (count == slots.Length)
        {
            var grown = slots.Length == 0 ? 4 : slots.Length * 2;
            Array.Resize(ref slots, cap > slots.Length && grown > cap ? cap : grown);
        }

        Array.Copy(slots, index, slots, index + 1, count - index);
    }
}
