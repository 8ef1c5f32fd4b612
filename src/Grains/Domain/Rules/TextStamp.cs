namespace CustomerSuccess.Grains.Domain.Rules;

/// <summary>
/// A 64-bit fingerprint of everything a rule's words are made from, taken without writing them. Two
/// findings of a rule under the same key with equal stamps describe the same words, so a live task
/// need not be described again to learn that nothing changed. Zero means "not stamped": such a
/// finding is always described. Not stored: a stamp lives as long as its activation's task book.
/// </summary>
internal struct TextStamp
{
    // FNV-1a over 64-bit words: a collision needs two different inputs under the same key, rule and
    // variant to agree on 64 bits.
    private const ulong Prime = 1099511628211;

    /// <summary>
    /// The stamp of a rule whose key is the id of the one event its words show (a survey answer, a
    /// failed payment): under the same key nothing else can change them.
    /// </summary>
    public const long KeyAlone = 1;

    private ulong _hash = 14695981039346656037;

    public TextStamp(int variant) => Add(variant);

    public void Add(long value) => _hash = (_hash ^ (ulong)value) * Prime;

    public void Add(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            _hash = (_hash ^ b) * Prime;
        }

        Add(bytes.Length);
    }

    public void Add(double value) => Add(BitConverter.DoubleToInt64Bits(value));

    /// <summary>A string's characters and length; null differs from every string.</summary>
    public void Add(string? text)
    {
        if (text is null)
        {
            Add(-1L);
            return;
        }

        foreach (var c in text)
        {
            _hash = (_hash ^ c) * Prime;
        }

        Add(text.Length);
    }

    /// <summary>The stamp, never zero.</summary>
    public readonly long Value => (long)(_hash | 1);
}
