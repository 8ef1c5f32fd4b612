namespace CustomerSuccess.Backtest.Csv;

/// <summary>Writes RFC 4180 records with "\n" line ends; a field is quoted only when it must be.</summary>
public sealed class CsvRecordWriter(TextWriter writer)
{
    private bool _first = true;

    public void Field(string? value)
    {
        if (!_first)
        {
            writer.Write(',');
        }

        _first = false;
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    public void EndRecord()
    {
        writer.Write('\n');
        _first = true;
    }
}
