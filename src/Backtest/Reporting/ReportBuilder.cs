using System.Globalization;
using CustomerSuccess.Backtest.Replay;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Backtest.Reporting;

/// <summary>Turns a replay's tasks and outcomes into the report's figures. Runs once, after the replay.</summary>
public static class ReportBuilder
{
    public const string Unassigned = "unassigned";

    public static BacktestReport Build(ReplayResult result, ReplayOptions options, string historyName, string? profilesName)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var byCustomer = result.Tasks
            .GroupBy(t => t.First.CustomerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.CreatedAt).ThenBy(t => t.First.Id, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

        var input = new ReportInput(
            historyName, profilesName, result.Events, result.Duplicates, result.LateEvents, result.BadRowCount, result.Customers,
            ProfilesApplied(result), options.ProfilesAt == ProfileTiming.Start ? "start" : "after-first-event",
            result.FirstEventAt, result.LastEventAt, result.ClockEndedAt, result.DeadlinesFired, Duration(options.Tail), Duration(options.ReorderWindow), Duration(options.Step));

        var cancellations = Outcome(
            "customers with a subscription.cancelled event; a task counts if it was created before the cancellation",
            result.Outcomes.Cancellations.Select(c => (c.Key, c.Value, DateTimeOffset.MinValue)), byCustomer);
        var repeats = Outcome(
            "customers who sent a second inbound contact about an issue still open; a task counts if it was created after the issue opened and before that contact",
            result.Outcomes.RepeatContacts.Select(r => (r.Key, r.Value.At, r.Value.OpenedAt)), byCustomer);

        return new BacktestReport(input, options.Settings, Tasks(result), cancellations, repeats, result.BadRows);
    }

    /// <summary>The Monday (UTC) that starts the week of <paramref name="time"/>, as "yyyy-MM-dd".</summary>
    public static string WeekOf(DateTimeOffset time)
    {
        var day = time.UtcDateTime.Date;
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static TaskFigures Tasks(ReplayResult result)
    {
        var rules = RuleNames.All;
        var owners = result.Tasks.Select(Owner).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var ownerIndex = owners.Select((o, i) => (o, i)).ToDictionary(x => x.o, x => x.i, StringComparer.Ordinal);
        var byRule = new int[rules.Count];
        var ruleWeeks = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var ownerWeeks = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var afterLast = 0;
        foreach (var task in result.Tasks)
        {
            var week = WeekOf(task.CreatedAt);
            var rule = (int)task.First.Rule;
            byRule[rule]++;
            Row(ruleWeeks, week, rules.Count)[rule]++;
            Row(ownerWeeks, week, owners.Length)[ownerIndex[Owner(task)]]++;
            if (result.LastEventAt is { } last && task.CreatedAt > last)
            {
                afterLast++;
            }
        }

        return new TaskFigures(
            result.Tasks.Count, result.Tasks.Select(t => t.First.CustomerId).Distinct(StringComparer.Ordinal).Count(),
            rules, byRule, owners, Weeks(ruleWeeks), Weeks(ownerWeeks), afterLast);
    }

    private static OutcomeFigures Outcome(
        string definition, IEnumerable<(string Customer, DateTimeOffset At, DateTimeOffset From)> outcomes, Dictionary<string, RecordedTask[]> byCustomer)
    {
        var cases = new List<OutcomeCase>();
        var leads = new List<TimeSpan>();
        var firstRules = new int[RuleNames.Count];
        foreach (var (customer, at, from) in outcomes.OrderBy(o => o.Customer, StringComparer.Ordinal))
        {
            var warning = byCustomer.GetValueOrDefault(customer)?.FirstOrDefault(t => t.CreatedAt >= from && t.CreatedAt < at);
            if (warning is null)
            {
                cases.Add(new OutcomeCase(customer, at, null, null, null));
                continue;
            }

            var lead = at - warning.CreatedAt;
            leads.Add(lead);
            firstRules[(int)warning.First.Rule]++;
            cases.Add(new OutcomeCase(customer, at, warning.First.Id, warning.First.Rule.ToName(), LeadTimes.Hours(lead)));
        }

        var rules = new List<RuleCount>();
        for (var r = 0; r < firstRules.Length; r++)
        {
            if (firstRules[r] > 0)
            {
                rules.Add(new RuleCount(((RuleId)r).ToName(), firstRules[r]));
            }
        }

        double? share = cases.Count == 0 ? null : Math.Round((double)leads.Count / cases.Count, 4, MidpointRounding.AwayFromZero);
        return new OutcomeFigures(definition, cases.Count, leads.Count, share, LeadTimes.MedianHours(leads), LeadTimes.Distribution(leads), rules, cases);
    }

    private static int ProfilesApplied(ReplayResult result) => result.Profiles.Count;

    // The owner as of the end: a profile applied after the first event reassigns what opened before it.
    private static string Owner(RecordedTask task) => task.Latest.OwnerId ?? Unassigned;

    private static int[] Row(SortedDictionary<string, int[]> rows, string week, int width)
    {
        if (!rows.TryGetValue(week, out var row))
        {
            rows[week] = row = new int[width];
        }

        return row;
    }

    private static List<WeekCounts> Weeks(SortedDictionary<string, int[]> rows) =>
        rows.Select(r => new WeekCounts(r.Key, r.Value, r.Value.Sum())).ToList();

    private static string Duration(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
}
