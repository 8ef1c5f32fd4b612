using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Portfolio;

/// <summary>Computes partial figures from entries and sums partials into a snapshot. Pure.</summary>
public static class PortfolioFiguresCalculator
{
    public static PortfolioFigures Figures(IEnumerable<PortfolioEntry> entries, string? segment, string? ownerId, PortfolioWindows windows)
    {
        int done = 0, onTime = 0;
        var withinHours = new int[OutreachSpeed.HoursBounds.Count + 1];
        int customers = 0, healthy = 0, watch = 0, atRisk = 0, promoters = 0, passives = 0, detractors = 0, churned = 0, churnedRecently = 0;
        decimal valueAtRisk = 0m, valueChurned = 0m, valueChurnedRecently = 0m;
        var entered = new List<string>();
        var byRule = new int[RuleNames.Count];
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
                var outreach = completed[i];
                if (outreach.DoneAt >= windows.OutreachSince && (ownerId is null || outreach.OwnerId == ownerId))
                {
                    done++;
                    onTime += outreach.OnTime ? 1 : 0;
                    withinHours[HoursBucket(outreach.TimeToDone)]++;
                }
            }

            if (ownerId is not null && entry.OwnerId != ownerId)
            {
                continue;
            }

            customers++;
            for (var r = 0; r < byRule.Length && r < entry.OpenTasksByRule.Count; r++)
            {
                byRule[r] += entry.OpenTasksByRule[r];
            }

            // A cancelled customer's score is at risk by construction (its commercial component is 0),
            // but its value is lost, not at risk.
            if (entry.ChurnedAt is { } cancelled)
            {
                churned++;
                valueChurned += entry.AnnualValue;
                if (cancelled >= windows.ChurnedSince)
                {
                    churnedRecently++;
                    valueChurnedRecently += entry.AnnualValue;
                }

                continue;
            }

            switch (entry.Band)
            {
                case HealthBand.Healthy: healthy++; break;
                case HealthBand.Watch: watch++; break;
                case HealthBand.AtRisk:
                    atRisk++;
                    valueAtRisk += entry.AnnualValue;
                    break;
            }

            // An entry stored before answers were dated counts until its customer sends it again.
            switch (entry.LatestNpsAt is { } answered && answered < windows.NpsSince ? null : entry.LatestNps)
            {
                case >= 9: promoters++; break;
                case >= 7: passives++; break;
                case not null: detractors++; break;
            }

            if (entry.Band == HealthBand.AtRisk && entry.EnteredAtRiskAt >= windows.EnteredAtRiskSince)
            {
                entered.Add(entry.CustomerId);
            }
        }

        return new PortfolioFigures(customers, healthy, watch, atRisk, valueAtRisk, promoters, passives, detractors, entered, byRule, churned, valueChurned,
            new OutreachSpeed(done, onTime, withinHours), churnedRecently, valueChurnedRecently);
    }

    // The first bucket whose bound the time reaches no further than; the last holds the rest.
    private static int HoursBucket(TimeSpan timeToDone)
    {
        var bounds = OutreachSpeed.HoursBounds;
        for (var b = 0; b < bounds.Count; b++)
        {
            if (timeToDone <= TimeSpan.FromHours(bounds[b]))
            {
                return b;
            }
        }

        return bounds.Count;
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
