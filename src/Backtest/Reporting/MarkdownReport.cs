using System.Globalization;
using System.Text;
using CustomerSuccess.Backtest.History;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Backtest.Reporting;

/// <summary>report.md: the same figures as report.json, as tables a person reads.</summary>
public static class MarkdownReport
{
    private const int CasesShown = 50;

    public static string Render(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var input = report.Input;
        md.Append("# Backtest report\n\n");
        md.Append(Inv($"History `{input.History}`"));
        md.Append(input.Profiles is null ? ", no profiles file" : Inv($", profiles `{input.Profiles}` ({N(input.ProfilesApplied)} customers, applied {input.ProfilesAt})"));
        md.Append(".\n\n");
        md.Append("| input | value |\n| --- | --- |\n");
        Row(md, "events replayed", N(input.Events));
        Row(md, "customers", N(input.Customers));
        Row(md, "first / last event", $"{Time(input.FirstEventAt)} / {Time(input.LastEventAt)}");
        Row(md, "clock ended at (last event + tail)", $"{Time(input.ClockEndedAt)} (tail {input.Tail})");
        Row(md, "deadlines fired (customer wake-ups)", N(input.DeadlinesFired));
        Row(md, "duplicates (same event id seen recently)", N(input.Duplicates));
        Row(md, $"late events (older than the reorder window {input.ReorderWindow}; applied late)", N(input.LateEvents));
        Row(md, "bad rows skipped", N(input.SkippedRows));
        Row(md, "step (events applied together)", input.Step == "00:00:00" ? "none: each event at its own time" : input.Step);
        md.Append('\n');

        Tasks(md, report.Tasks);
        Outcome(md, "Cancellations", report.Cancellations);
        Outcome(md, "Repeat contacts about an unresolved issue", report.RepeatContacts);

        if (report.SkippedRows.Count > 0)
        {
            md.Append("## Skipped rows\n\n| line | problem |\n| ---: | --- |\n");
            foreach (var row in report.SkippedRows)
            {
                md.Append(Inv($"| {row.Line} | {Cell(row.Problem)} |\n"));
            }

            if (input.SkippedRows > report.SkippedRows.Count)
            {
                md.Append(Inv($"\n(first {report.SkippedRows.Count} of {input.SkippedRows} listed)\n"));
            }

            md.Append('\n');
        }

        md.Append("Each customer's first task, with its evidence, is in `first-tasks.csv`, every task in `tasks.csv`; the rule settings used are in `report.json`.\n");
        return md.ToString();
    }

    private static void Tasks(StringBuilder md, TaskFigures tasks)
    {
        md.Append("## Tasks opened\n\n");
        md.Append(Inv($"{N(tasks.Total)} tasks for {N(tasks.Customers)} customers; {N(tasks.OpenedAfterLastEvent)} of them were created after the last event (in the tail, when nothing more was known).\n\n"));
        md.Append("### Per rule per week (weeks start Monday, UTC; by the task's creation time)\n\n");
        Table(md, tasks.Rules, tasks.ByRuleWeek, tasks.ByRule);
        md.Append("### Per CSM per week\n\n");
        Table(md, tasks.Owners, tasks.ByOwnerWeek, null);
    }

    private static void Table(StringBuilder md, IReadOnlyList<string> columns, IReadOnlyList<WeekCounts> weeks, IReadOnlyList<int>? totals)
    {
        md.Append("| week |");
        foreach (var column in columns)
        {
            md.Append(' ').Append(column).Append(" |");
        }

        md.Append(" total |\n| --- |");
        for (var i = 0; i <= columns.Count; i++)
        {
            md.Append(" ---: |");
        }

        md.Append('\n');
        var sums = new int[columns.Count];
        foreach (var week in weeks)
        {
            md.Append("| ").Append(week.Week).Append(" |");
            for (var i = 0; i < columns.Count; i++)
            {
                sums[i] += week.Counts[i];
                md.Append(' ').Append(N(week.Counts[i])).Append(" |");
            }

            md.Append(' ').Append(N(week.Total)).Append(" |\n");
        }

        md.Append("| **all** |");
        var all = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            var sum = totals?[i] ?? sums[i];
            all += sum;
            md.Append(" **").Append(N(sum)).Append("** |");
        }

        md.Append(" **").Append(N(all)).Append("** |\n\n");
    }

    private static void Outcome(StringBuilder md, string title, OutcomeFigures figures)
    {
        md.Append("## ").Append(title).Append("\n\n");
        md.Append("Counted: ").Append(figures.Definition).Append(".\n\n");
        if (figures.Customers == 0)
        {
            md.Append("None in this history.\n\n");
            return;
        }

        md.Append(Inv($"**{N(figures.WithTaskBefore)} of {N(figures.Customers)}** customers had a task before ({Percent(figures.ShareWithTaskBefore)}); "));
        md.Append(figures.MedianLeadHours is { } median ? Inv($"median lead time **{Lead(median)}** (from the earliest such task).\n\n") : "no lead time to measure.\n\n");
        md.Append("| lead time | customers |\n| --- | ---: |\n");
        foreach (var bucket in figures.LeadTimes)
        {
            md.Append(Inv($"| {bucket.Range} | {N(bucket.Customers)} |\n"));
        }

        md.Append('\n');
        if (figures.FirstWarningRule.Count > 0)
        {
            md.Append("| first warning by rule | customers |\n| --- | ---: |\n");
            foreach (var rule in figures.FirstWarningRule)
            {
                md.Append(Inv($"| {rule.Rule} | {N(rule.Customers)} |\n"));
            }

            md.Append('\n');
        }

        md.Append("| customer | at | first task before | lead time |\n| --- | --- | --- | ---: |\n");
        var shown = 0;
        foreach (var c in figures.Cases)
        {
            if (shown++ == CasesShown)
            {
                md.Append(Inv($"\n(first {CasesShown} of {figures.Cases.Count}; all are in report.json)\n"));
                break;
            }

            md.Append(Inv($"| {c.CustomerId} | {Rfc3339Time.Format(c.At)} | {(c.TaskId is null ? "none" : $"{c.TaskId}")} | {(c.LeadHours is { } h ? Lead(h) : "-")} |\n"));
        }

        md.Append('\n');
    }

    private static void Row(StringBuilder md, string name, string value) => md.Append("| ").Append(name).Append(" | ").Append(value).Append(" |\n");

    private static string Lead(double hours) => hours < 48 ? Inv($"{hours:0.0} h") : Inv($"{hours / 24:0.0} d");

    private static string Percent(double? share) => share is { } s ? Inv($"{s * 100:0.0} %") : "-";

    private static string Time(DateTimeOffset? time) => time is { } t ? Rfc3339Time.Format(t) : "-";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
