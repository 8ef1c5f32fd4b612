using System.Globalization;
using System.Text;
using System.Text.Json;
using CustomerSuccess.Backtest.Csv;
using CustomerSuccess.Backtest.History;
using CustomerSuccess.Backtest.Profiles;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Simulation;

namespace CustomerSuccess.Backtest.Generation;

/// <summary>
/// Writes a simulated portfolio as a history anyone can backtest: history.jsonl and/or history.csv
/// (the same events, in time order), profiles.jsonl / profiles.csv, and truth.csv (each customer's
/// archetype and the rules it should raise).
/// </summary>
/// <remarks>
/// The generator has the usage-decline customers cancel 7-30 days after the window ends, so their
/// cancellation is not in its history. A backtest needs it, so each such customer's whole journey is
/// moved <see cref="CancellationShift"/> earlier and a <c>subscription.cancelled</c> event is added at
/// the moved cancellation time: the journey keeps its shape (decline, failed payment, then the
/// cancellation 7-30 days later) and everything stays inside the history, so no other customer is
/// left looking silent while the clock waits for a late cancellation.
/// </remarks>
public static class HistoryGenerator
{
    public static readonly TimeSpan CancellationShift = TimeSpan.FromDays(31);

    public const string JsonLinesFile = "history.jsonl";
    public const string CsvFile = "history.csv";
    public const string ProfilesJsonLinesFile = "profiles.jsonl";
    public const string ProfilesCsvFile = "profiles.csv";
    public const string TruthFile = "truth.csv";

    public static GeneratedHistory Write(GenerateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var history = Generate(options);
        Directory.CreateDirectory(options.Folder);
        if (options.JsonLines)
        {
            WriteJsonLines(Path.Combine(options.Folder, JsonLinesFile), history.Events);
            WriteProfilesJsonLines(Path.Combine(options.Folder, ProfilesJsonLinesFile), history.Customers);
        }

        if (options.Csv)
        {
            WriteCsv(Path.Combine(options.Folder, CsvFile), history.Events);
            WriteProfilesCsv(Path.Combine(options.Folder, ProfilesCsvFile), history.Customers);
        }

        WriteTruth(Path.Combine(options.Folder, TruthFile), history.Customers);
        return history;
    }

    /// <summary>The portfolio with cancellations placed inside the history (see the remarks), events in time order.</summary>
    public static GeneratedHistory Generate(GenerateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var generator = new PortfolioGenerator(new PortfolioOptions
        {
            Seed = options.Seed, Customers = options.Customers, Owners = options.Owners, Days = options.Days, End = options.End,
        });
        var customers = new SimulatedCustomer[options.Customers];
        Parallel.For(0, customers.Length, i => customers[i] = WithCancellation(generator.GenerateCustomer(i)));

        var origin = options.End.UtcTicks - (TimeSpan.FromDays(options.Days) + CancellationShift).Ticks - TimeSpan.TicksPerSecond;
        var events = EventTimeOrder.Merge(customers, origin);
        return new GeneratedHistory(customers, events);
    }

    private static SimulatedCustomer WithCancellation(SimulatedCustomer customer)
    {
        if (customer.Truth.CancelsAt is not { } cancelsAt)
        {
            return customer;
        }

        var shifted = new TouchpointEvent[customer.Events.Length + 1];
        for (var i = 0; i < customer.Events.Length; i++)
        {
            var e = customer.Events[i];
            shifted[i] = e with { OccurredAt = e.OccurredAt - CancellationShift };
        }

        var cancelledAt = cancelsAt - CancellationShift;
        shifted[^1] = new TouchpointEvent($"{customer.Id}-cancel", customer.Id, TouchpointType.SubscriptionCancelled, cancelledAt, Channel.Billing);
        return customer with { Events = shifted, Truth = customer.Truth with { CancelsAt = cancelledAt } };
    }

    private static void WriteJsonLines(string path, IReadOnlyList<TouchpointEvent> events)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var json = new Utf8JsonWriter(stream);
        foreach (var e in events)
        {
            HistoryWriters.WriteJsonLine(json, stream, e);
        }
    }

    private static void WriteCsv(string path, IReadOnlyList<TouchpointEvent> events)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.Attributes is not null)
            {
                names.UnionWith(e.Attributes.Keys);
            }
        }

        var attributeNames = names.ToArray();
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        var csv = new CsvRecordWriter(writer);
        HistoryWriters.WriteCsvHeader(csv, attributeNames);
        foreach (var e in events)
        {
            HistoryWriters.WriteCsvRow(csv, e, attributeNames);
        }
    }

    private static void WriteProfilesJsonLines(string path, IReadOnlyList<SimulatedCustomer> customers)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        foreach (var c in customers)
        {
            writer.Write(JsonSerializer.Serialize(ProfileFile.ToWire(c.Id, c.Profile), HistoryJson.Default.WireProfile));
            writer.Write('\n');
        }
    }

    private static void WriteProfilesCsv(string path, IReadOnlyList<SimulatedCustomer> customers)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        var csv = new CsvRecordWriter(writer);
        foreach (var name in WireProfile.FieldNames)
        {
            csv.Field(name);
        }

        csv.EndRecord();
        foreach (var c in customers)
        {
            var w = ProfileFile.ToWire(c.Id, c.Profile);
            csv.Field(w.CustomerId);
            csv.Field(w.Name ?? "");
            csv.Field(w.Segment ?? "");
            csv.Field(w.OwnerId ?? "");
            csv.Field(w.AnnualValue?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.Field(w.RenewalDate ?? "");
            csv.EndRecord();
        }
    }

    private static void WriteTruth(string path, IReadOnlyList<SimulatedCustomer> customers)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        var csv = new CsvRecordWriter(writer);
        foreach (var header in (string[])["customerId", "archetype", "expectedRules", "issueId", "cancelsAt"])
        {
            csv.Field(header);
        }

        csv.EndRecord();
        foreach (var c in customers)
        {
            csv.Field(c.Id);
            csv.Field(c.Truth.Archetype.ToString());
            csv.Field(string.Join(' ', c.Truth.ExpectedRules.Select(r => r.ToName())));
            csv.Field(c.Truth.IssueId ?? "");
            csv.Field(c.Truth.CancelsAt is { } at ? Rfc3339Time.Format(at) : "");
            csv.EndRecord();
        }
    }
}

/// <summary>A generated history: the customers (profiles, ground truth, their events) and all events in time order.</summary>
public sealed record GeneratedHistory(IReadOnlyList<SimulatedCustomer> Customers, IReadOnlyList<TouchpointEvent> Events);
