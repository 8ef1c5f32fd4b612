using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Portfolio;

/// <summary>Computes partial figures from entries and sums partials into a snapshot. Pure.</summary>
public static class PortfolioFiguresCalculator
{
    public static PortfolioFigures Figures(IEnumerable<PortfolioEntry> entries, string? segment, string? ownerId, PortfolioWindows windows)
    {
        var tally = new FiguresTally(windows);
        foreach (var entry in entries)
        {
            if (segment is not null && entry.Segment != segment)
            {
                continue;
            }

            // Completed tasks count for the CSM who completed them, whoever owns the customer now.
            var completed = entry.Outreach ?? [];
            for (var i = 0; i < completed.Count; i++)
            {
                if (ownerId is null || completed[i].OwnerId == ownerId)
                {
                    tally.AddOutreach(completed[i]);
                }
            }

            if (ownerId is null || entry.OwnerId == ownerId)
            {
                tally.AddCustomer(entry);
            }
        }

        return tally.ToFigures();
    }

    /// <summary>
    /// The figures of every scope the entries fall in, in one pass: the whole, each segment, each CSM
    /// and each CSM within each segment. A CSM with tasks completed within the window on customers now
    /// owned by another has a scope of its own, as <see cref="Figures"/> would count them. Customers without a segment
    /// or a CSM count only in the scopes that do not ask for one.
    /// </summary>
    public static Dictionary<PortfolioScope, PortfolioFigures> FiguresOfEveryScope(IEnumerable<PortfolioEntry> entries, PortfolioWindows windows)
    {
        var tallies = new Dictionary<PortfolioScope, FiguresTally>();
        FiguresTally Tally(string? segment, string? ownerId)
        {
            var scope = new PortfolioScope(segment, ownerId);
            if (!tallies.TryGetValue(scope, out var tally))
            {
                tallies[scope] = tally = new FiguresTally(windows);
            }

            return tally;
        }

        Tally(null, null);
        foreach (var entry in entries)
        {
            var (segment, owner) = PortfolioScope.Of(entry.Segment, entry.OwnerId);
            var all = Tally(null, null);
            var inSegment = segment is null ? null : Tally(segment, null);
            all.AddCustomer(entry);
            inSegment?.AddCustomer(entry);
            if (owner is not null)
            {
                Tally(null, owner).AddCustomer(entry);
                if (segment is not null)
                {
                    Tally(segment, owner).AddCustomer(entry);
                }
            }

            var completed = entry.Outreach ?? [];
            for (var i = 0; i < completed.Count; i++)
            {
                var done = completed[i];
                var counts = all.AddOutreach(done);
                inSegment?.AddOutreach(done);
                // A CSM gets a scope of their own from outreach only while it counts: one who left long
                // ago, whose old tasks a customer still holds, would otherwise get a row of zeros daily.
                if (counts && !string.IsNullOrEmpty(done.OwnerId))
                {
                    Tally(null, done.OwnerId).AddOutreach(done);
                    if (segment is not null)
                    {
                        Tally(segment, done.OwnerId).AddOutreach(done);
                    }
                }
            }
        }

        var figures = new Dictionary<PortfolioScope, PortfolioFigures>(tallies.Count);
        foreach (var (scope, tally) in tallies)
        {
            figures[scope] = tally.ToFigures();
        }

        return figures;
    }

    public static PortfolioSnapshot Sum(IEnumerable<PortfolioFigures> partials, string? segment, string? ownerId, DateTimeOffset now)
    {
        int customers = 0, healthy = 0, watch = 0, atRisk = 0, promoters = 0, passives = 0, detractors = 0, churned = 0, churnedRecently = 0;
        decimal valueAtRisk = 0m, valueChurned = 0m, valueChurnedRecently = 0m;
        var entered = new List<string>();
        var byRule = new int[RuleNames.Count];
        int done = 0, onTime = 0;
        var withinHours = new int[OutreachSpeed.HoursBounds.Count + 1];
        foreach (var part in partials)
        {
            churned += part.Churned;
            valueChurned += part.ValueChurned;
            churnedRecently += part.ChurnedRecently;
            valueChurnedRecently += part.ValueChurnedRecently;
            done += part.Outreach.Done;
            onTime += part.Outreach.DoneOnTime;
            for (var b = 0; b < withinHours.Length && b < part.Outreach.DoneWithinHours.Count; b++)
            {
                withinHours[b] += part.Outreach.DoneWithinHours[b];
            }

            customers += part.Customers;
            healthy += part.Healthy;
            watch += part.Watch;
            atRisk += part.AtRisk;
            valueAtRisk += part.ValueAtRisk;
            promoters += part.Promoters;
            passives += part.Passives;
            detractors += part.Detractors;
            entered.AddRange(part.EnteredAtRisk);
            for (var r = 0; r < byRule.Length && r < part.OpenTasksByRule.Count; r++)
            {
                byRule[r] += part.OpenTasksByRule[r];
            }
        }

        var answered = promoters + passives + detractors;
        double? nps = answered == 0 ? null : Math.Round(100.0 * (promoters - detractors) / answered, 1);
        entered.Sort(StringComparer.Ordinal);
        var bands = new Dictionary<HealthBand, int> { [HealthBand.Healthy] = healthy, [HealthBand.Watch] = watch, [HealthBand.AtRisk] = atRisk };
        var tasks = new Dictionary<RuleId, int>();
        for (var r = 0; r < byRule.Length; r++)
        {
            tasks[(RuleId)r] = byRule[r];
        }

        return new PortfolioSnapshot(now, segment, ownerId, customers, bands, valueAtRisk, promoters, passives, detractors, nps, entered, tasks, churned, valueChurned,
            new OutreachSpeed(done, onTime, withinHours), churnedRecently, valueChurnedRecently);
    }
}
