using System.Collections;
using System.Text;
using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// The customer's cross-channel timeline, newest first by (time, event id), capped. Every resident
/// customer holds a full one (50 items), so it is kept compact: one array of 24-byte slots, and the
/// items' event and issue ids (UTF-8) and their optional sentiment and score in one shared byte array,
/// instead of an object and an id string per item. That is also two long-lived objects per customer instead of a hundred, which matters to
/// the garbage collector more than the bytes: each event used to leave a new id string referenced from
/// an old timeline. <see cref="TimelineItem"/> is the readable form, built on demand.
/// </summary>
[JsonConverter(typeof(TimelineJsonConverter))]
public sealed class Timeline : IReadOnlyList<TimelineItem>
{
    private const byte HasSentiment = 1;
    private const byte HasScore = 2;
    private const byte HasIssue = 4;

    private Slot[] _slots = [];
    private int _count;

    // Each slot's data (id, issue id, sentiment, score), appended as items arrive; the data of dropped
    // items stays until the array is full, then the live data moves to its start (to a new array only
    // when it has outgrown this one, see PackedText). Ids are valid UTF-16 (JSON text cannot carry lone
    // surrogates), so UTF-8 is exact.
    private byte[] _text = [];
    private int _textUsed;

    public int Count => _count;

    /// <summary>The bytes reserved for the items' data (for tests of how the array grows and shrinks).</summary>
    internal int TextCapacity => _text.Length;

    public TimelineItem this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return ToItem(in _slots[index]);
        }
    }

    /// <summary>
    /// Adds the event in its place, unless the timeline is full and the event is older than all it
    /// holds; the oldest item beyond <paramref name="cap"/> is dropped. Same window whatever the
    /// arrival order.
    /// </summary>
    public void Add(TouchpointEvent e, int cap)
    {
        var at = e.OccurredAt.ToUnixTimeMilliseconds();
        var index = 0;
        while (index < _count && Before(in _slots[index], at, e.Id))
        {
            index++;
        }

        if (index >= cap)
        {
            return;
        }

        Insert(index, new TimelineItem(e.Id, e.Type, e.Channel, at, e.IssueId, e.Sentiment, e.Score), cap);
    }

    /// <summary>A page of the timeline in the contract's form.</summary>
    public List<TimelineEntry> Page(int skip, int take)
    {
        var page = new List<TimelineEntry>(Math.Max(0, Math.Min(take, _count - skip)));
        for (var i = skip; i < _count && i - skip < take; i++)
        {
            page.Add(ToItem(in _slots[i]).ToEntry());
        }

        return page;
    }

    public IEnumerator<TimelineItem> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return ToItem(in _slots[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Writes the items as the JSON array they are stored as, straight from the packed bytes (no id
    /// strings are built to store a timeline). Each item is an array, [id, type, channel, at in Unix
    /// milliseconds], followed, when the item has any, by its issue id, sentiment and score (null for a
    /// missing one, trailing nulls left out): named properties were a third of every stored timeline.
    /// </summary>
    internal void Write(System.Text.Json.Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        for (var i = 0; i < _count; i++)
        {
            ref readonly var slot = ref _slots[i];
            writer.WriteStartArray();
            writer.WriteStringValue(_text.AsSpan(slot.Start, slot.IdLength));
            writer.WriteNumberValue(slot.Type);
            writer.WriteNumberValue(slot.Channel);
            writer.WriteNumberValue(slot.AtMs);
            var hasSentiment = (slot.Flags & HasSentiment) != 0;
            var hasScore = (slot.Flags & HasScore) != 0;
            if ((slot.Flags & HasIssue) != 0)
            {
                writer.WriteStringValue(_text.AsSpan(slot.Start + slot.IdLength, slot.IssueLength));
            }
            else if (hasSentiment || hasScore)
            {
                writer.WriteNullValue();
            }

            var at = slot.Start + slot.IdLength + slot.IssueLength;
            if (hasSentiment)
            {
                writer.WriteNumberValue(BitConverter.ToDouble(_text, at));
                at += sizeof(double);
            }
            else if (hasScore)
            {
                writer.WriteNullValue();
            }

            if (hasScore)
            {
                writer.WriteNumberValue(BitConverter.ToDouble(_text, at));
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    /// <summary>Appends an item read from storage (already newest first).</summary>
    internal void AppendStored(TimelineItem item) => Insert(_count, item, int.MaxValue);

    // Whether the stored item sorts before (is newer than) an event at (at, id).
    private bool Before(in Slot slot, long at, string id)
    {
        if (slot.AtMs != at)
        {
            return slot.AtMs > at;
        }

        // A tie on the millisecond is rare: compare as the strings compare (UTF-16 ordinal).
        return string.CompareOrdinal(Text(slot.Start, slot.IdLength), id) > 0;
    }

    private void Insert(int index, TimelineItem item, int cap)
    {
        if (cap <= 0)
        {
            return;
        }

        if (_count >= cap)
        {
            _count--;
        }

        var idLength = Encoding.UTF8.GetByteCount(item.Id);
        var issueLength = item.IssueId is null ? 0 : Encoding.UTF8.GetByteCount(item.IssueId);
        var length = idLength + issueLength + (item.Sentiment is null ? 0 : sizeof(double)) + (item.Score is null ? 0 : sizeof(double));
        PackedText.Reserve(ref _text, ref _textUsed, _slots.AsSpan(0, _count), length);
        var start = _textUsed;
        var at = start + Encoding.UTF8.GetBytes(item.Id, _text.AsSpan(start));
        if (item.IssueId is not null)
        {
            at += Encoding.UTF8.GetBytes(item.IssueId, _text.AsSpan(at));
        }

        if (item.Sentiment is { } sentiment)
        {
            BitConverter.TryWriteBytes(_text.AsSpan(at), sentiment);
            at += sizeof(double);
        }

        if (item.Score is { } score)
        {
            BitConverter.TryWriteBytes(_text.AsSpan(at), score);
            at += sizeof(double);
        }

        _textUsed = at;

        PackedText.OpenSlot(ref _slots, _count, index, cap);
        _slots[index] = new Slot
        {
            AtMs = item.AtMs,
            Start = start,
            IdLength = checked((ushort)idLength),
            IssueLength = checked((ushort)issueLength),
            Type = checked((byte)item.Type),
            Channel = checked((byte)item.Channel),
            Flags = (byte)((item.Sentiment is null ? 0 : HasSentiment) | (item.Score is null ? 0 : HasScore) | (item.IssueId is null ? 0 : HasIssue)),
        };
        _count++;
    }

    private string Text(int start, int length) => Encoding.UTF8.GetString(_text, start, length);

    private TimelineItem ToItem(in Slot slot)
    {
        var at = slot.Start + slot.IdLength + slot.IssueLength;
        double? sentiment = null;
        double? score = null;
        if ((slot.Flags & HasSentiment) != 0)
        {
            sentiment = BitConverter.ToDouble(_text, at);
            at += sizeof(double);
        }

        if ((slot.Flags & HasScore) != 0)
        {
            score = BitConverter.ToDouble(_text, at);
        }

        return new TimelineItem(Text(slot.Start, slot.IdLength), (TouchpointType)slot.Type, (Channel)slot.Channel, slot.AtMs,
            (slot.Flags & HasIssue) != 0 ? Text(slot.Start + slot.IdLength, slot.IssueLength) : null, sentiment, score);
    }

    private struct Slot : IPackedTextSlot
    {
        public long AtMs;
        public int Start;
        public ushort IdLength;
        public ushort IssueLength;
        public byte Type;
        public byte Channel;
        public byte Flags;

        /// <summary>Bytes of data in the shared array: id, issue id, then sentiment and score if present.</summary>
        public readonly int Length => IdLength + IssueLength
            + ((Flags & HasSentiment) != 0 ? sizeof(double) : 0) + ((Flags & HasScore) != 0 ? sizeof(double) : 0);

        int IPackedTextSlot.TextStart { readonly get => Start; set => Start = value; }

        readonly int IPackedTextSlot.TextLength => Length;
    }
}
