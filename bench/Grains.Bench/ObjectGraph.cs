using System.Reflection;
using System.Runtime.CompilerServices;

namespace CustomerSuccess.Grains.Bench;

/// <summary>Every object reachable from a root, with the field or array that first led to it.</summary>
internal sealed class ObjectGraph
{
    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    // For each object, the field or array that first led to it and the property of the root it was
    // reached through (none for the root itself).
    private readonly Dictionary<object, (string Holder, string? Part)> _holders = new(ReferenceEqualityComparer.Instance);

    /// <summary>A graph with no objects: everything in another graph is new against it.</summary>
    public static ObjectGraph Empty { get; } = new();

    public static ObjectGraph Of(object root)
    {
        var graph = new ObjectGraph();
        var pending = new Stack<object>();
        graph._holders[root] = ("root", null);
        pending.Push(root);
        while (pending.TryPop(out var item))
        {
            graph.VisitReferences(item, pending);
        }

        return graph;
    }

    /// <summary>
    /// Counts the objects not in <paramref name="before"/> into <paramref name="added"/> and the parts
    /// of the root holding them into <paramref name="parts"/>; returns how many there were.
    /// </summary>
    public int AddNewSince(ObjectGraph before, Dictionary<string, (long Objects, long Bytes)> added, HashSet<string> parts)
    {
        var count = 0;
        foreach (var (item, (holder, part)) in _holders)
        {
            if (!before._holders.ContainsKey(item))
            {
                var kind = $"{item.GetType().Name} @ {holder}";
                var (objects, bytes) = added.GetValueOrDefault(kind);
                added[kind] = (objects + 1, bytes + EstimatedSize(item));
                parts.Add(part!);
                count++;
            }
        }

        return count;
    }

    private void VisitReferences(object item, Stack<object> pending)
    {
        if (item is string)
        {
            return;
        }

        var type = item.GetType();
        var (holder, part) = _holders[item];
        if (item is Array array)
        {
            var element = type.GetElementType()!;
            if (!element.IsPrimitive && !element.IsEnum)
            {
                foreach (var value in array)
                {
                    Reach(value, element, $"{element.Name}[] of {holder}", part!, pending);
                }
            }

            return;
        }

        for (var declaring = type; declaring is not null; declaring = declaring.BaseType)
        {
            foreach (var field in declaring.GetFields(InstanceFields))
            {
                if (!field.FieldType.IsPrimitive && !field.FieldType.IsEnum)
                {
                    Reach(field.GetValue(item), field.FieldType, $"{declaring.Name}.{field.Name}", part ?? PartName(field.Name), pending);
                }
            }
        }
    }

    // A struct stored inline (its declared slot is a value type) belongs to its holder: only the objects
    // it refers to are reached. A value boxed into a reference-typed slot is an object of its own.
    private void Reach(object? value, Type slot, string holder, string part, Stack<object> pending)
    {
        if (value is null)
        {
            return;
        }

        if (slot.IsValueType)
        {
            foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (!field.FieldType.IsPrimitive && !field.FieldType.IsEnum)
                {
                    Reach(field.GetValue(value), field.FieldType, holder, part, pending);
                }
            }

            return;
        }

        // A literal (an interned string) is the program's, shared by every state that points at it.
        if (value is string text && ReferenceEquals(string.IsInterned(text), text))
        {
            return;
        }

        if (_holders.TryAdd(value, (holder, part)))
        {
            pending.Push(value);
        }
    }

    // The root's own fields name the parts: "<Tasks>k__BackingField" is Tasks.
    private static string PartName(string field) => field.Split('<', '>') is [_, var name, _] ? name : field;

    private static long EstimatedSize(object item)
    {
        if (item is string text)
        {
            return 22 + 2L * text.Length;
        }

        if (item is Array array)
        {
            return 24 + array.LongLength * SlotSize(item.GetType().GetElementType()!);
        }

        long size = 16;
        for (var declaring = item.GetType(); declaring is not null; declaring = declaring.BaseType)
        {
            foreach (var field in declaring.GetFields(InstanceFields))
            {
                size += SlotSize(field.FieldType);
            }
        }

        return size;
    }

    private static int SlotSize(Type type) =>
        !type.IsValueType ? IntPtr.Size : (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;
}
