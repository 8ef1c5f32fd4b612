using System.Reflection;
using System.Runtime.CompilerServices;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;

namespace CustomerSuccess.Grains.Bench;

/// <summary>
/// What a week's batch leaves in a customer's state that was not there before: the objects reachable
/// from the state after the batch and its evaluation but not before, by type and by the field that holds
/// them, per batch. These are what each young collection promotes and what makes the collector scan the
/// old states (docs/BENCHMARKS.md, issue 3, session 14); a part updated in place leaves nothing.
/// 2,000 customers of <see cref="EventMix"/>, measured over weeks 10 to 13 (the typical history).
/// </summary>
/// <remarks>
/// Sizes are estimates from the fields (64-bit layout without padding), good for ranking the parts.
/// The second table counts, per part of the state (a property of <see cref="CustomerState"/>), the
/// batches that leave something new in it, and how many batches would leave nothing if the parts up to
/// that line were updated in place: the order in which to change them, and what each step would give.
/// </remarks>
internal static class RetainedPerBatch
{
    private const int Customers = 2_000;
    private const int FirstMeasuredWeek = 10;
    private const int Weeks = 14;

    public static void Run()
    {
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset WeekStart(int week) => now.AddDays(-7 * (Weeks - week));
        var added = new Dictionary<string, (long Objects, long Bytes)>();
        long batches = 0, untouched = 0;
        var changedParts = new List<HashSet<string>>();
        for (var i = 0; i < Customers; i++)
        {
            var id = EventMix.CustomerId(i);
            var model = new CustomerModel(id, new CustomerState(), RuleSettings.Default, HealthSettings.Default, StateLimits.Default);
            model.SetProfile(EventMix.Profile(i, now), now);
            ObjectGraph? before = null;
            for (var week = 0; week < Weeks; week++)
            {
                EventMix.ApplyAndEvaluate(model, EventMix.Week(id, i, week, WeekStart(week)), WeekStart(week + 1));
                var after = ObjectGraph.Of(model.State);
                if (week >= FirstMeasuredWeek && before is not null)
                {
                    batches++;
                    var parts = new HashSet<string>();
                    untouched += after.AddNewSince(before, added, parts) == 0 ? 1 : 0;
                    changedParts.Add(parts);
                }

                before = after;
            }
        }

        Console.WriteLine($"retained: {Customers:N0} customers, weeks {FirstMeasuredWeek}-{Weeks - 1}: what each week's batch adds to the state (objects and estimated bytes per batch, by type @ holder)");
        foreach (var (part, (objects, bytes)) in added.OrderByDescending(p => p.Value.Bytes))
        {
            Console.WriteLine($"retained: {bytes / (double)batches,8:N1} bytes {objects / (double)batches,6:N2} objects  {part}");
        }

        Console.WriteLine($"retained: total {added.Values.Sum(v => v.Bytes) / (double)batches:N1} bytes per batch; batches that leave no new object in the state: {untouched:N0} of {batches:N0}");
        Console.WriteLine("retained: parts of the state by the batches that leave something new in them; batches that would leave nothing if the parts down to that line did not");
        var fixedParts = new HashSet<string>();
        foreach (var (part, count) in changedParts.SelectMany(p => p).CountBy(p => p).OrderByDescending(p => p.Value))
        {
            fixedParts.Add(part);
            var clean = changedParts.Count(p => p.IsSubsetOf(fixedParts));
            Console.WriteLine($"retained: {part,-14} {count,6:N0} batches; then {clean,6:N0} of {batches:N0} leave nothing");
        }
    }

    /// <summary>Every object reachable from a root, with the field or array that first led to it.</summary>
    private sealed class ObjectGraph
    {
        private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

        // For each object, the field or array that first led to it and the property of the root it was
        // reached through (none for the root itself).
        private readonly Dictionary<object, (string Holder, string? Part)> _holders = new(ReferenceEqualityComparer.Instance);

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
}
