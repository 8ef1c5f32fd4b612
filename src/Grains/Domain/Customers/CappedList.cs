namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// Inserting into a list kept at a cap (the closed tasks; the timeline and the score history are
/// packed and do the same themselves). The last item is dropped before inserting and the list grows
/// to the cap exactly, so a full list's array holds the cap and no more: doubling would leave 12 of
/// 32 slots empty.
/// </summary>
public static class CappedList
{
    /// <summary>Inserts at <paramref name="index"/> (which must be below <paramref name="cap"/>) and drops the last item beyond the cap.</summary>
    public static void Insert<T>(List<T> list, int index, T item, int cap)
    {
        if (cap <= 0)
        {
            list.Clear();
            return;
        }

        if (list.Count >= cap)
        {
            list.RemoveAt(list.Count - 1);
        }
        else if (list.Count == list.Capacity && list.Capacity * 2 > cap)
        {
            list.Capacity = cap;
        }

        list.Insert(Math.Min(index, list.Count), item);
    }
}
