using System.Globalization;
using System.Text.Json;
using CustomerSuccess.Backtest.Csv;
using CustomerSuccess.Backtest.History;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Backtest.Profiles;

/// <summary>
/// Reads a profiles file (JSON Lines or CSV, fields of PUT /v1/customers/{id} plus customerId). Profiles
/// are few and every task's owner comes from them, so any bad row stops the run with its line number.
/// A customer listed twice keeps its last row, as two PUTs would.
/// </summary>
public static class ProfileFile
{
    public static SortedDictionary<string, CustomerProfile> Read(string path)
    {
        var profiles = new SortedDictionary<string, CustomerProfile>(StringComparer.Ordinal);
        using var stream = File.OpenRead(path);
        if (HistoryFiles.IsCsv(path))
        {
            ReadCsv(stream, path, profiles);
        }
        else
        {
            ReadJsonLines(stream, path, profiles);
        }

        return profiles;
    }

    private static void ReadJsonLines(Stream stream, string path, SortedDictionary<string, CustomerProfile> profiles)
    {
        using var reader = new StreamReader(stream);
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            WireProfile? wire;
            try
            {
                wire = JsonSerializer.Deserialize(text, HistoryJson.Default.WireProfile);
            }
            catch (JsonException ex)
            {
                throw Bad(path, line, JsonLinesHistoryReader.Describe(ex));
            }

            Add(profiles, wire ?? throw Bad(path, line, "the line must be a JSON object (one profile)."), path, line);
        }
    }

    private static void ReadCsv(Stream stream, string path, SortedDictionary<string, CustomerProfile> profiles)
    {
        using var text = new StreamReader(stream);
        var records = new CsvRecordReader(text);
        var header = new List<string>();
        if (!records.TryRead(header))
        {
            throw Bad(path, 1, "the file is empty; line 1 must be a header (customerId,name,segment,ownerId,annualValue,renewalDate).");
        }

        var columns = new int[header.Count];
        for (var i = 0; i < header.Count; i++)
        {
            columns[i] = Array.IndexOf(WireProfile.FieldNames, header[i].Trim());
            if (columns[i] < 0)
            {
                throw Bad(path, 1, $"unknown column '{header[i]}'; known: {string.Join(",", WireProfile.FieldNames)}.");
            }
        }

        var record = new List<string>();
        while (records.TryRead(record))
        {
            var line = records.Line;
            if (record.Count == 1 && record[0].Length == 0)
            {
                continue;
            }

            if (records.Problem is { } problem)
            {
                throw Bad(path, line, problem);
            }

            if (record.Count != columns.Length)
            {
                throw Bad(path, line, $"has {record.Count} fields; the header names {columns.Length}.");
            }

            var wire = new WireProfile();
            for (var i = 0; i < record.Count; i++)
            {
                var cell = record[i].Length == 0 ? null : record[i];
                switch (columns[i])
                {
                    case 0: wire.CustomerId = cell; break;
                    case 1: wire.Name = cell; break;
                    case 2: wire.Segment = cell; break;
                    case 3: wire.OwnerId = cell; break;
                    case 4:
                        if (cell is not null)
                        {
                            wire.AnnualValue = decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
                                ? value : throw Bad(path, line, $"annualValue: '{cell}' is not a number.");
                        }

                        break;
                    default: wire.RenewalDate = cell; break;
                }
            }

            Add(profiles, wire, path, line);
        }
    }

    private static void Add(SortedDictionary<string, CustomerProfile> profiles, WireProfile wire, string path, long line)
    {
        if (string.IsNullOrEmpty(wire.CustomerId))
        {
            throw Bad(path, line, "customerId: is required.");
        }

        if (wire.OwnerId == ITaskBoardGrain.Unassigned)
        {
            throw Bad(path, line, $"ownerId: '{ITaskBoardGrain.Unassigned}' is reserved; leave it empty for a customer without a CSM.");
        }

        if (wire.AnnualValue is < 0)
        {
            throw Bad(path, line, "annualValue: must be 0 or more.");
        }

        DateTimeOffset? renewal = null;
        if (wire.RenewalDate is not null)
        {
            renewal = Rfc3339Time.TryParse(wire.RenewalDate, out var time) ? time
                : DateOnly.TryParseExact(wire.RenewalDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                    : throw Bad(path, line, $"renewalDate: '{wire.RenewalDate}' is not a date (2026-12-31) or an RFC 3339 time.");
        }

        profiles[wire.CustomerId] = new CustomerProfile(wire.Name, wire.Segment, string.IsNullOrEmpty(wire.OwnerId) ? null : wire.OwnerId,
            wire.AnnualValue ?? 0, renewal);
    }

    private static InvalidDataException Bad(string path, long line, string message) =>
        new($"{Path.GetFileName(path)} line {line}: {message}");

    /// <summary>The wire form of a profile (for writing files and for PUT /v1/customers/{id}).</summary>
    public static WireProfile ToWire(string customerId, CustomerProfile profile) => new()
    {
        CustomerId = customerId,
        Name = profile.Name,
        Segment = profile.Segment,
        OwnerId = profile.OwnerId,
        AnnualValue = profile.AnnualValue,
        RenewalDate = profile.RenewalDate is { } renewal ? Rfc3339Time.Format(renewal) : null,
    };
}
