using System.Globalization;
using CustomerSuccess.Backtest.Csv;
using CustomerSuccess.Backtest.History;
using CustomerSuccess.Backtest.Replay;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Backtest.Reporting;

/// <summary>
/// first-tasks.csv: each customer's first task (earliest creation time), with the evidence it opened
/// with (event ids, or "deadline:..." markers), ordered by customer id. tasks.csv: every task, the same
/// columns plus its last state, ordered by customer, creation time and id.
/// </summary>
public static class TaskCsv
{
    public static void WriteFirstTasks(TextWriter writer, IReadOnlyList<RecordedTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var first = tasks
            .GroupBy(t => t.First.CustomerId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(t => t.CreatedAt).ThenBy(t => t.First.Id, StringComparer.Ordinal).First())
            .OrderBy(t => t.First.CustomerId, StringComparer.Ordinal);
        Write(writer, first, withState: false);
    }

    public static void WriteAll(TextWriter writer, IReadOnlyList<RecordedTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var all = tasks
            .OrderBy(t => t.First.CustomerId, StringComparer.Ordinal)
            .ThenBy(t => t.CreatedAt)
            .ThenBy(t => t.First.Id, StringComparer.Ordinal);
        Write(writer, all, withState: true);
    }

    private static void Write(TextWriter writer, IEnumerable<RecordedTask> tasks, bool withState)
    {
        var csv = new CsvRecordWriter(writer);
        foreach (var header in (string[])["customerId", "taskId", "rule", "priority", "ownerId", "createdAt", "observedAt", "title", "reason", "evidence"])
        {
            csv.Field(header);
        }

        if (withState)
        {
            csv.Field("state");
            csv.Field("updatedAt");
            csv.Field("resolution");
        }

        csv.EndRecord();
        foreach (var task in tasks)
        {
            var t = task.First;
            csv.Field(t.CustomerId);
            csv.Field(t.Id);
            csv.Field(t.Rule.ToName());
            csv.Field(t.Priority.ToString(CultureInfo.InvariantCulture));
            csv.Field(task.Latest.OwnerId ?? ReportBuilder.Unassigned);
            csv.Field(Rfc3339Time.Format(task.CreatedAt));
            csv.Field(Rfc3339Time.Format(task.ObservedAt));
            csv.Field(t.Title);
            csv.Field(t.Reason);
            csv.Field(string.Join(' ', t.Evidence));
            if (withState)
            {
                csv.Field(task.Latest.State.ToString());
                csv.Field(Rfc3339Time.Format(task.Latest.UpdatedAt));
                csv.Field(task.Latest.Resolution);
            }

            csv.EndRecord();
        }
    }
}
