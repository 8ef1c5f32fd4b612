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
/// live runs move to a new array. One allocation per few dozen items instead of a string per field.
/// </summary>
internal static class PackedText
{
    /// <summary>Makes room for <paramref name="bytes"/> more bytes after <paramref name="used"/>.</summary>
    public static void Reserve<TSlot>(ref byte[] text, ref int used, Span<TSlot> slots, int bytes)
        where TSlot : struct, IPackedTextSlot
    {
        if (used + bytes <= text.Length)
        {
            return;
        }

        var live = bytes;
        foreach (ref var slot in slots)
        {
            live += slot.TextLength;
        }

        var compacted = new byte[Math.Max(256, live + live / 2)];
        var at = 0;
        foreach (ref var slot in slots)
        {
            text.AsSpan(slot.TextStart, slot.TextLength).CopyTo(compacted.AsSpan(at));
            slot.TextStart = at;
            at += slot.TextLength;
        }

        text = compacted;
        used = at;
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
