using System.Globalization;
using System.Text.Json;
using CustomerSuccess.Backtest.Csv;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Backtest.History;

/// <summary>Writes events in the history formats the readers take: JSON Lines and CSV (one column per wire field, attributes as "attributes.NAME").</summary>
public static class HistoryWriters
{
    public static WireEvent ToWire(TouchpointEvent e) => new()
    {
        Id = e.Id,
        CustomerId = e.CustomerId,
        Type = e.Type.ToName(),
        OccurredAt = Rfc3339Time.Format(e.OccurredAt),
        Channel = e.Channel.ToName(),
        IssueId = e.IssueId,
        Sentiment = e.Sentiment,
        Score = e.Score,
        Public = e.Public ? true : null,
        Reach = e.Reach != 0 ? e.Reach : null,
        Value = e.Value,
        WaitSeconds = e.WaitSeconds != 0 ? e.WaitSeconds : null,
        Attributes = e.Attributes is { Count: > 0 } a ? new Dictionary<string, string>(a, StringComparer.Ordinal) : null,
    };

    public static void WriteJsonLine(Utf8JsonWriter json, Stream stream, TouchpointEvent e)
    {
        JsonSerializer.Serialize(json, ToWire(e), HistoryJson.Default.WireEvent);
        json.Flush();
        json.Reset();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>The CSV header: the wire fields, then one column per attribute name used.</summary>
    public static void WriteCsvHeader(CsvRecordWriter csv, IReadOnlyList<string> attributeNames)
    {
        foreach (var name in WireEvent.FieldNames)
        {
            csv.Field(name);
        }

        foreach (var name in attributeNames)
        {
            csv.Field("attributes." + name);
        }

        csv.EndRecord();
    }

    public static void WriteCsvRow(CsvRecordWriter csv, TouchpointEvent e, IReadOnlyList<string> attributeNames)
    {
        var inv = CultureInfo.InvariantCulture;
        csv.Field(e.Id);
        csv.Field(e.CustomerId);
        csv.Field(e.Type.ToName());
        csv.Field(Rfc3339Time.Format(e.OccurredAt));
        csv.Field(e.Channel.ToName());
        csv.Field(e.IssueId ?? "");
        csv.Field(e.Sentiment?.ToString("R", inv) ?? "");
        csv.Field(e.Score?.ToString("R", inv) ?? "");
        csv.Field(e.Public ? "true" : "");
        csv.Field(e.Reach != 0 ? e.Reach.ToString(inv) : "");
        csv.Field(e.Value?.ToString(inv) ?? "");
        csv.Field(e.WaitSeconds != 0 ? e.WaitSeconds.ToString("R", inv) : "");
        foreach (var name in attributeNames)
        {
            csv.Field(e.Attributes?.GetValueOrDefault(name) ?? "");
        }

        csv.EndRecord();
    }
}
