using System.Globalization;
using CustomerSuccess.Backtest.Csv;

namespace CustomerSuccess.Backtest.History;

/// <summary>
/// CSV with a header row naming the same fields as the JSON ("id", "customerId", "type",
/// "occurredAt", ...); attributes are columns named "attributes.NAME". Empty cells are absent fields.
/// A header with an unknown or missing column stops the run: no row could be read right.
/// </summary>
public sealed class CsvHistoryReader : IHistoryReader
{
    private const int AttributeColumn = -1;

    private readonly Stream _stream;
    private readonly StreamReader _text;
    private readonly CsvRecordReader _records;
    private readonly List<string> _record = [];
    private readonly int[] _columns;
    private readonly string?[] _attributeNames;

    public CsvHistoryReader(Stream stream)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _text = new StreamReader(stream, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        _records = new CsvRecordReader(_text);
        if (!_records.TryRead(_record) || (_record.Count == 1 && _record[0].Length == 0))
        {
            throw new InvalidDataException("The CSV file is empty: line 1 must be a header naming the fields (id,customerId,type,occurredAt,...).");
        }

        (_columns, _attributeNames) = MapHeader(_record);
    }

    public long Position => _stream.CanSeek ? _stream.Position : 0;

    public long Length => _stream.CanSeek ? _stream.Length : 0;

    public bool TryRead(out HistoryRow row)
    {
        while (_records.TryRead(_record))
        {
            if (_record.Count == 1 && _record[0].Length == 0)
            {
                continue;
            }

            row = Parse(_records.Line, _record);
            return true;
        }

        row = default;
        return false;
    }

    public void Dispose() => _text.Dispose();

    private HistoryRow Parse(long line, List<string> record)
    {
        if (_records.Problem is { } quoting)
        {
            return new HistoryRow(line, null, quoting);
        }

        if (record.Count != _columns.Length)
        {
            return new HistoryRow(line, null, $"has {record.Count} fields; the header names {_columns.Length}.");
        }

        var wire = new WireEvent();
        for (var i = 0; i < record.Count; i++)
        {
            var cell = record[i];
            if (cell.Length == 0)
            {
                continue;
            }

            if (_columns[i] == AttributeColumn)
            {
                (wire.Attributes ??= new Dictionary<string, string>(StringComparer.Ordinal))[_attributeNames[i]!] = cell;
            }
            else if (Set(wire, _columns[i], cell) is { } error)
            {
                return new HistoryRow(line, null, $"{WireEvent.FieldNames[_columns[i]]}: {error}");
            }
        }

        return WireEventValidator.TryBuild(wire, out var e, out var problem)
            ? new HistoryRow(line, e, null)
            : new HistoryRow(line, null, problem);
    }

    private static string? Set(WireEvent w, int field, string cell)
    {
        var culture = CultureInfo.InvariantCulture;
        switch (field)
        {
            case 0: w.Id = cell; return null;
            case 1: w.CustomerId = cell; return null;
            case 2: w.Type = cell; return null;
            case 3: w.OccurredAt = cell; return null;
            case 4: w.Channel = cell; return null;
            case 5: w.IssueId = cell; return null;
            case 6: return double.TryParse(cell, NumberStyles.Float, culture, out var sentiment) ? Done(w.Sentiment = sentiment) : NotA("number", cell);
            case 7: return double.TryParse(cell, NumberStyles.Float, culture, out var score) ? Done(w.Score = score) : NotA("number", cell);
            case 8: return bool.TryParse(cell, out var isPublic) ? Done(w.Public = isPublic) : NotA("boolean (true/false)", cell);
            case 9: return long.TryParse(cell, NumberStyles.Integer, culture, out var reach) ? Done(w.Reach = reach) : NotA("whole number", cell);
            case 10: return decimal.TryParse(cell, NumberStyles.Number, culture, out var value) ? Done(w.Value = value) : NotA("number", cell);
            default: return double.TryParse(cell, NumberStyles.Float, culture, out var wait) ? Done(w.WaitSeconds = wait) : NotA("number", cell);
        }
    }

    private static string? Done<T>(T _) => null;

    private static string NotA(string what, string cell) => $"'{cell}' is not a {what}.";

    private static (int[] Columns, string?[] Attributes) MapHeader(List<string> header)
    {
        var columns = new int[header.Count];
        var attributes = new string?[header.Count];
        var seen = new bool[WireEvent.FieldNames.Length];
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.StartsWith("attributes.", StringComparison.Ordinal) && name.Length > "attributes.".Length)
            {
                columns[i] = AttributeColumn;
                attributes[i] = name["attributes.".Length..];
                continue;
            }

            var field = Array.IndexOf(WireEvent.FieldNames, name);
            if (field < 0)
            {
                throw new InvalidDataException(
                    $"line 1: unknown column '{name}'; the header names fields of the API's schema ({string.Join(",", WireEvent.FieldNames)}) or attributes.NAME.");
            }

            if (seen[field])
            {
                throw new InvalidDataException($"line 1: column '{name}' appears twice.");
            }

            seen[field] = true;
            columns[i] = field;
        }

        for (var required = 0; required < 4; required++)
        {
            if (!seen[required])
            {
                throw new InvalidDataException($"line 1: the header has no '{WireEvent.FieldNames[required]}' column (required: id, customerId, type, occurredAt).");
            }
        }

        return (columns, attributes);
    }
}
