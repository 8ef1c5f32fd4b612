using CustomerSuccess.Backtest.Replay;
using CustomerSuccess.Backtest.Tests.Support;

namespace CustomerSuccess.Backtest.Tests;

/// <summary>Bad rows stop the run at the first, with its line number, unless skipping is asked for.</summary>
public sealed class BadRowTests : IDisposable
{
    private const string Good1 = """{"id":"e-1","customerId":"c-1","type":"usage","occurredAt":"2026-01-05T09:00:00Z","channel":"app"}""";
    private const string Good2 = """{"id":"e-2","customerId":"c-1","type":"usage","occurredAt":"2026-01-05T10:00:00Z","channel":"web"}""";
    private const string Good3 = """{"id":"e-3","customerId":"c-2","type":"survey.nps","occurredAt":"2026-01-05T11:00:00Z","channel":"survey","score":3}""";

    private readonly HistoryFolder _folder = new();

    [Fact]
    public async Task A_bad_json_line_stops_the_run_with_its_line_number_and_field()
    {
        var path = _folder.Write("h.jsonl", Good1, Good2,
            """{"id":"e-x","customerId":"c-1","type":"contact.sideways","occurredAt":"2026-01-05T10:30:00Z"}""", Good3);

        var error = await Assert.ThrowsAsync<BadRowException>(() => Backtests.RunAsync(path));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("type: 'contact.sideways' is not a known type", error.Problem);
        Assert.StartsWith("line 3: ", error.Message);
    }

    [Theory]
    [InlineData("""{"id":"e-x","customerId":"c-1","type":"usage","occurredAt":"2026-01-05 10:30"}""", "occurredAt: '2026-01-05 10:30' is not an RFC 3339 time")]
    [InlineData("""{"id":"e-x","customerId":"c-1","type":"usage","occurredAt":"2026-01-05T10:30:00"}""", "occurredAt: '2026-01-05T10:30:00' is not an RFC 3339 time")]
    [InlineData("""{"id":"e-x","type":"usage","occurredAt":"2026-01-05T10:30:00Z"}""", "customerId: is required.")]
    [InlineData("""{"id":"e-x","customerId":"c-1","type":"survey.nps","occurredAt":"2026-01-05T10:30:00Z","score":11}""", "score: 11 is outside 0..10 for survey.nps.")]
    [InlineData("""{"id":"e-x","customerId":"c-1","type":"survey.nps","occurredAt":"2026-01-05T10:30:00Z","score":6.5}""", "score: must be a whole number for survey.nps (got 6.5).")]
    [InlineData("""{"id":"e-x","customerId":"c-1","type":"usage","occurredAt":"2026-01-05T10:30:00Z","reach":"many"}""", "reach: has a value of the wrong type.")]
    [InlineData("""{"id":"e-x","customerId":"c-1","type":"usage",""", "not a valid JSON event object")]
    [InlineData("""{"id":"e-x","customerId":"c-1","type":"subscription.renewal","occurredAt":"2026-01-05T10:30:00Z"}""", "attributes.renewalDate: is required for subscription.renewal.")]
    [InlineData("""{"id":"e-x","customerId":"c\u00001","type":"usage","occurredAt":"2026-01-05T10:30:00Z"}""", "customerId: must not hold control characters (U+0000 at position 1).")]
    [InlineData("""{"id":"e-x","customerId":"c-1","type":"contact.inbound","occurredAt":"2026-01-05T10:30:00Z","waitSeconds":1e12}""", "waitSeconds: must be between 0 and 31536000.")]
    public async Task Each_kind_of_bad_json_row_is_named(string bad, string expected)
    {
        var path = _folder.Write("h.jsonl", Good1, bad);

        var error = await Assert.ThrowsAsync<BadRowException>(() => Backtests.RunAsync(path));

        Assert.Equal(2, error.Line);
        Assert.StartsWith(expected, error.Problem);
    }

    [Fact]
    public async Task A_bad_csv_row_is_reported_with_its_file_line_counting_the_header_and_quoted_line_breaks()
    {
        var path = _folder.Write("h.csv",
            "id,customerId,type,occurredAt,channel,issueId,sentiment",
            "e-1,c-1,contact.inbound,2026-01-05T09:00:00Z,email,,\"-0.5\"",
            "e-2,c-1,contact.inbound,2026-01-05T09:30:00Z,\"e\nmail\",,",
            "e-3,c-1,usage,2026-01-05T10:00:00Z,app,,not-a-number");

        var error = await Assert.ThrowsAsync<BadRowException>(() => Backtests.RunAsync(path));

        // Line 3 is the row with the quoted line break, whose channel is "e\nmail": that row is bad first.
        Assert.Equal(3, error.Line);
        Assert.StartsWith("channel: 'e\nmail' is not a known channel", error.Problem);
    }

    [Fact]
    public async Task A_csv_cell_of_the_wrong_type_names_its_column()
    {
        var path = _folder.Write("h.csv",
            "id,customerId,type,occurredAt,channel,sentiment",
            "e-1,c-1,contact.inbound,2026-01-05T09:00:00Z,email,-0.5",
            "e-2,c-1,contact.inbound,2026-01-05T09:30:00Z,email,very bad");

        var error = await Assert.ThrowsAsync<BadRowException>(() => Backtests.RunAsync(path));

        Assert.Equal(3, error.Line);
        Assert.Equal("sentiment: 'very bad' is not a number.", error.Problem);
    }

    [Fact]
    public async Task A_csv_header_with_an_unknown_column_stops_before_any_row()
    {
        var path = _folder.Write("h.csv", "id,customerId,kind,occurredAt", "e-1,c-1,usage,2026-01-05T09:00:00Z");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Backtests.RunAsync(path));

        Assert.StartsWith("line 1: unknown column 'kind'", error.Message);
    }

    [Fact]
    public async Task Skipping_bad_rows_replays_the_good_ones_and_lists_the_bad_ones_in_the_report()
    {
        var path = _folder.Write("h.jsonl", Good1, "not json", Good2, """{"id":"e-4","customerId":"c-1","type":"usage"}""", Good3);

        var (result, report) = await Backtests.RunAsync(path, options: new ReplayOptions { SkipBadRows = true });

        Assert.Equal(3, result.Events);
        Assert.Equal(2, report.Input.SkippedRows);
        Assert.Collection(report.SkippedRows,
            row => Assert.Equal((2L, true), (row.Line, row.Problem.StartsWith("not a valid JSON event object", StringComparison.Ordinal))),
            row => Assert.Equal((4L, "occurredAt: is required."), (row.Line, row.Problem)));
        Assert.Contains("| 4 | occurredAt: is required. |", Reporting.MarkdownReport.Render(report));

        // The detractor answer of c-2 still raised its task.
        Assert.Contains(result.Tasks, t => t.First.CustomerId == "c-2" && t.First.Rule == Grains.Interfaces.Tasks.RuleId.Detractor);
    }

    public void Dispose() => _folder.Dispose();
}
