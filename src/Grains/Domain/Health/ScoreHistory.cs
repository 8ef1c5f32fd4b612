using System.Collections;
using System.Text;
using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Interfaces.Health;

namespace CustomerSuccess.Grains.Domain.Health;

/// <summary>
/// The recorded score changes, newest first, capped. Kept packed like the timeline: 24-byte slots
/// and the causes as UTF-8 in one shared byte array, instead of a record and a cause string per
/// change (a resident customer holds a dozen or more, and most batches add one that would live as
/// long as the customer). <see cref="ScoreChange"/> values are built when read.
/// </summary>
[JsonConverter(typeof(ScoreHistoryJsonConverter))]
public sealed class ScoreHistory : IReadOnlyList<ScoreChange>
{
    private const int NoScore = int.MinValue;

    private Slot[] _slots = [];
    private int _count;

    // The causes, appended as changes are recorded; those of dropped changes stay until the array is
    // full, then the live ones move to its start (see PackedText). Causes are valid UTF-16, so UTF-8 is exact.
    private byte[] _text = [];
    private int _textUsed;

    public int Count => _count;

    public ScoreChange this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            ref readonly var slot = ref _slots[index];
            return new ScoreChange(AtOf(in slot), slot.From == NoScore ? null : slot.From, slot.To,
                Encoding.UTF8.GetString(_text, slot.CauseStart, slot.CauseLength));
        }
    }

    /// <summary>When the change at <paramref name="index"/> happened, without building it.</summary>
    public DateTimeOffset AtOf(int index) => AtOf(in _slots[index]);

    /// <summary>When the change at <paramref name="index"/> happened, as UTC ticks: what comparisons of instants need.</summary>
    public long UtcTicksOf(int index) => _slots[index].UtcTicks;

    /// <summary>The score before the change at <paramref name="index"/>, without building it.</summary>
    public int? FromOf(int index) => _slots[index].From == NoScore ? null : _slots[index].From;

    /// <summary>The score after the change at <paramref name="index"/>, without building it.</summary>
    public int ToOf(int index) => _slots[index].To;

    /// <summary>The cause of the change at <paramref name="index"/> as its UTF-8 bytes, without building it.</summary>
    public ReadOnlySpan<byte> CauseBytesOf(int index) => _text.AsSpan(_slots[index].CauseStart, _slots[index].CauseLength);

    /// <summary>Records a change as the newest, dropping the oldest beyond <paramref name="cap"/>.</summary>
    public void AddNewest(ScoreChange change, int cap)
    {
        if (cap <= 0)
        {
            _count = 0;
            return;
        }

        if (_count >= cap)
        {
            _count--;
        }

        Insert(0, change, cap);
    }

    public IEnumerator<ScoreChange> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Writes the changes as the JSON array they are stored as, newest first, each change as
    /// <c>[at, from, to, cause]</c> (<c>at</c> as <see cref="StoredTime"/>, <c>from</c> null for the first
    /// score), the cause straight from the packed bytes. A change as an object with named properties is
    /// twice the bytes for the same four values, and a customer keeps up to 50 of them.
    /// </summary>
    internal void Write(System.Text.Json.Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        for (var i = 0; i < _count; i++)
        {
            ref readonly var slot = ref _slots[i];
            writer.WriteStartArray();
            StoredTime.WriteValue(writer, AtOf(in slot));
            if (slot.From == NoScore)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteNumberValue(slot.From);
            }

            writer.WriteNumberValue(slot.To);
            writer.WriteStringValue(_text.AsSpan(slot.CauseStart, slot.CauseLength));
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    /// <summary>Appends a change read from storage (already newest first).</summary>
    internal void AppendStored(ScoreChange change) => Insert(_count, change, int.MaxValue);

    private void Insert(int index, ScoreChange change, int cap)
    {
        var length = Encoding.UTF8.GetByteCount(change.Cause);
        PackedText.Reserve(ref _text, ref _textUsed, _slots.AsSpan(0, _count), length);
        var start = _textUsed;
        _textUsed += Encoding.UTF8.GetBytes(change.Cause, _text.AsSpan(start));

        PackedText.OpenSlot(ref _slots, _count, index, cap);
        _slots[index] = new Slot
        {
            UtcTicks = change.At.UtcTicks,
            OffsetMinutes = checked((short)change.At.TotalOffsetMinutes),
            From = change.From ?? NoScore,
            To = change.To,
            CauseStart = start,
            CauseLength = checked((ushort)length),
        };
        _count++;
    }

    private static DateTimeOffset AtOf(in Slot slot) =>
        new DateTimeOffset(slot.UtcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(slot.OffsetMinutes));

    private struct Slot : IPackedTextSlot
    {
        public long UtcTicks;
        public int From;
        public int To;
        public int CauseStart;
        public ushort CauseLength;
        public short OffsetMinutes;

        int IPackedTextSlot.TextStart { readonly get => CauseStart; set => CauseStart = value; }

        readonly int IPackedTextSlot.TextLength => CauseLength;
    }
}
