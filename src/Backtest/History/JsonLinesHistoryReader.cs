using System.Text.Json;

namespace CustomerSuccess.Backtest.History;

/// <summary>
/// JSON Lines: one event object per line, in the API's schema (docs/API.md). Blank lines are
/// skipped; a line that is not an object, or not a valid event, is a bad row with its line number.
/// </summary>
public sealed class JsonLinesHistoryReader : IHistoryReader
{
    private readonly Stream _stream;
    private readonly StreamReader _reader;
    private long _line;

    public JsonLinesHistoryReader(Stream stream)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    public long Position => _stream.CanSeek ? _stream.Position : 0;

    public long Length => _stream.CanSeek ? _stream.Length : 0;

    public bool TryRead(out HistoryRow row)
    {
        while (_reader.ReadLine() is { } text)
        {
            _line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            row = Parse(_line, text);
            return true;
        }

        row = default;
        return false;
    }

    public void Dispose() => _reader.Dispose();

    internal static HistoryRow Parse(long line, string text)
    {
        WireEvent? wire;
        try
        {
            wire = JsonSerializer.Deserialize(text, HistoryJson.Default.WireEvent);
        }
        catch (JsonException ex)
        {
            return new HistoryRow(line, null, Describe(ex));
        }

        if (wire is null)
        {
            return new HistoryRow(line, null, "the line must be a JSON object (one event), not null.");
        }

        return WireEventValidator.TryBuild(wire, out var e, out var error)
            ? new HistoryRow(line, e, null)
            : new HistoryRow(line, null, error);
    }

    // The serializer names the field a wrong-typed value sits in; a syntax error has no field.
    internal static string Describe(JsonException ex) =>
        ex.Path is { Length: > 2 } path && ex.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? $"{path[2..]}: has a value of the wrong type."
            : $"not a valid JSON event object ({FirstSentence(ex.Message)}).";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
