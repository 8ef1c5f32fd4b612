using System.Text;

namespace CustomerSuccess.Backtest.Csv;

/// <summary>
/// Reads RFC 4180 records: fields separated by commas, optionally quoted ("a ""b"", c"), a quoted field
/// may span lines. Keeps the line number each record starts on, for error messages. A record with a
/// stray quote is still returned, with <see cref="Problem"/> saying what is wrong.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    private readonly StringBuilder _field = new();
    private long _nextLine = 1;

    /// <summary>The line the last record started on (1 = the first line of the file).</summary>
    public long Line { get; private set; }

    /// <summary>What is wrong with the last record's quoting, or null.</summary>
    public string? Problem { get; private set; }

    public bool TryRead(List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        Problem = null;
        var text = reader.ReadLine();
        if (text is null)
        {
            return false;
        }

        Line = _nextLine++;
        _field.Clear();
        var quoted = false;
        var afterQuote = false;
        var i = 0;
        while (true)
        {
            if (i == text.Length)
            {
                if (quoted)
                {
                    // The quoted field goes on on the next line.
                    var next = reader.ReadLine();
                    if (next is null)
                    {
                        Problem ??= "a quoted field is not closed before the end of the file.";
                        break;
                    }

                    _nextLine++;
                    _field.Append('\n');
                    text = next;
                    i = 0;
                    continue;
                }

                break;
            }

            var c = text[i++];
            if (quoted)
            {
                if (c != '"')
                {
                    _field.Append(c);
                }
                else if (i < text.Length && text[i] == '"')
                {
                    _field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                    afterQuote = true;
                }
            }
            else if (c == ',')
            {
                fields.Add(_field.ToString());
                _field.Clear();
                afterQuote = false;
            }
            else if (c == '"' && _field.Length == 0 && !afterQuote)
            {
                quoted = true;
            }
            else
            {
                if (c == '"' || afterQuote)
                {
                    Problem ??= "a quote inside a field: quote the whole field and double the quotes in it (\"a \"\"b\"\"\").";
                }

                _field.Append(c);
            }
        }

        fields.Add(_field.ToString());
        return true;
    }
}
