using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Engagement;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Health;

namespace CustomerSuccess.Grains.Domain.Health;

/// <summary>
/// Computes the health score at a given time from the folded state: four components, each 0..100
/// with its reasons; components without data are left out and their weight shared.
/// </summary>
public static class HealthScorer
{
    public static HealthSnapshot Score(CustomerState state, DateTimeOffset now, HealthSettings health, RuleSettings rules)
    {
        var components = new List<ComponentScore>(4);
        var parts = new List<(HealthComponent Component, double Score, double Weight, List<string> Reasons)>(4);
        if (Effort(state, now) is { } effort)
        {
            parts.Add((HealthComponent.Effort, effort.Score, health.EffortWeight, effort.Reasons));
        }

        if (Sentiment(state, now, health) is { } sentiment)
        {
            parts.Add((HealthComponent.Sentiment, sentiment.Score, health.SentimentWeight, sentiment.Reasons));
        }

        if (Engagement(state, now, rules) is { } engagement)
        {
            parts.Add((HealthComponent.Engagement, engagement.Score, health.EngagementWeight, engagement.Reasons));
        }

        if (Commercial(state, now) is { } commercial)
        {
            parts.Add((HealthComponent.Commercial, commercial.Score, health.CommercialWeight, commercial.Reasons));
        }

        var totalWeight = 0.0;
        foreach (var part in parts)
        {
            totalWeight += part.Weight;
        }

        if (parts.Count == 0 || totalWeight <= 0)
        {
            return new HealthSnapshot(null, null, now, components);
        }

        var weighted = 0.0;
        foreach (var part in parts)
        {
            var share = part.Weight / totalWeight;
            weighted += part.Score * share;
            components.Add(new ComponentScore(part.Component, (int)Math.Round(part.Score), Math.Round(share, 4), part.Reasons));
        }

        var score = (int)Math.Round(Math.Clamp(weighted, 0, 100));
        return new HealthSnapshot(score, BandOf(score, health), now, components);
    }

    public static HealthBand BandOf(int score, HealthSettings settings) =>
        score >= settings.HealthyFrom ? HealthBand.Healthy : score >= settings.WatchFrom ? HealthBand.Watch : HealthBand.AtRisk;

    /// <summary>Open issues cost points for each contact, channel switch, hour of age and minute of waiting; a high CES costs too.</summary>
    private static (double Score, List<string> Reasons)? Effort(CustomerState state, DateTimeOffset now)
    {
        var ces = state.Surveys.Ces;
        if (state.Issues.Count == 0 && ces is null)
        {
            return null;
        }

        var score = 100.0;
        var reasons = new List<string>();
        foreach (var issue in state.Issues)
        {
            if (!issue.IsOpen)
            {
                continue;
            }

            var ageDays = Math.Max(0, (now - issue.FirstAt).TotalDays);
            var penalty = 10 + 8 * Math.Max(0, issue.Contacts - 1) + 8 * Math.Max(0, issue.ChannelCount - 1)
                + Math.Min(20, ageDays * 5) + Math.Min(10, issue.WaitSeconds / 360);
            penalty = Math.Min(50, penalty);
            score -= penalty;
            reasons.Add($"issue {issue.Id} open {ageDays:0.#} d: {issue.Contacts} contact(s) via {issue.ChannelCount} channel(s), waited {issue.WaitSeconds / 60:0} min (-{penalty:0})");
        }

        if (ces is { Value: >= 5 })
        {
            var penalty = (ces.Value - 4) * 10;
            score -= penalty;
            reasons.Add($"CES {ces.Value:0} on {ces.At:yyyy-MM-dd} (-{penalty:0})");
        }

        if (reasons.Count == 0)
        {
            reasons.Add("no open issues");
        }

        return (Math.Max(0, score), reasons);
    }

    /// <summary>NPS, CSAT and sentiment readings on one 0..100 scale, newer ones weighing more.</summary>
    private static (double Score, List<string> Reasons)? Sentiment(CustomerState state, DateTimeOffset now, HealthSettings settings)
    {
        var surveys = state.Surveys;
        if (surveys.Nps is null && surveys.Csat is null && surveys.Sentiments.Count == 0)
        {
            return null;
        }

        var sum = 0.0;
        var weights = 0.0;
        var reasons = new List<string>();
        void Add(DateTimeOffset at, double value, double weight)
        {
            var ageDays = Math.Max(0, (now - at).TotalDays);
            var w = weight * Math.Pow(0.5, ageDays / settings.SentimentHalfLife.TotalDays);
            sum += value * w;
            weights += w;
        }

        if (surveys.Nps is { } nps)
        {
            Add(nps.At, nps.Value * 10, 2);
            reasons.Add($"NPS {nps.Value:0} on {nps.At:yyyy-MM-dd}");
        }

        if (surveys.Csat is { } csat)
        {
            Add(csat.At, (csat.Value - 1) * 25, 2);
            reasons.Add($"CSAT {csat.Value:0} on {csat.At:yyyy-MM-dd}");
        }

        if (surveys.Sentiments.Count > 0)
        {
            var mean = 0.0;
            foreach (var reading in surveys.Sentiments)
            {
                Add(reading.At, (reading.Value + 1) * 50, 1);
                mean += reading.Value;
            }

            reasons.Add($"{surveys.Sentiments.Count} recent sentiment reading(s), mean {mean / surveys.Sentiments.Count:0.##}");
        }

        return (weights > 0 ? sum / weights : 50, reasons);
    }

    /// <summary>Recency against the customer's own rhythm, and usage against its own weekly baseline.</summary>
    private static (double Score, List<string> Reasons)? Engagement(CustomerState state, DateTimeOffset now, RuleSettings rules)
    {
        if (state.Rhythm.LastAt is not { } last)
        {
            return null;
        }

        var reasons = new List<string>();
        var expected = Rhythm.TypicalGap(state.Rhythm) ?? TimeSpan.FromDays(7);
        if (expected < TimeSpan.FromDays(1))
        {
            expected = TimeSpan.FromDays(1);
        }

        var silence = now - last;
        var ratio = silence / expected;
        var recency = ratio <= 1.5 ? 100 : Math.Max(0, 100 - (ratio - 1.5) * 30);
        reasons.Add($"last interaction {silence.TotalDays:0.#} d ago, typical gap {expected.TotalDays:0.#} d");

        // A baseline thinner than the usage-drop rule's minimum says nothing about a trend: a customer
        // who logs in every ten days has no session in most 7-day windows, which would read as a 50-point
        // engagement fall (and a health drop) in every quiet week.
        var (lastWeek, baseline) = Usage.Trend(state.Usage, Rhythm.EpochDay(now), rules.UsageBaselineWeeks);
        if (baseline > 0 && baseline >= rules.UsageMinWeeklyBaseline)
        {
            var trend = Math.Min(100, lastWeek / baseline * 100);
            reasons.Add($"usage {lastWeek} in the last 7 d vs {baseline:0.#}/week before");
            return ((recency + trend) / 2, reasons);
        }

        return (recency, reasons);
    }

    /// <summary>A cancellation zeroes it; an outstanding failed payment and a near renewal cost points.</summary>
    private static (double Score, List<string> Reasons)? Commercial(CustomerState state, DateTimeOffset now)
    {
        var commercial = state.Commercial;
        if (!commercial.HasData)
        {
            return null;
        }

        if (commercial.CancelledAt is { } cancelled)
        {
            return (0, [$"cancelled on {cancelled:yyyy-MM-dd}"]);
        }

        var score = 100.0;
        var reasons = new List<string>();
        if (commercial.PaymentOutstanding)
        {
            score -= 40;
            reasons.Add($"payment failed on {commercial.LastPaymentFailedAt:yyyy-MM-dd}, nothing paid since (-40)");
        }

        if (commercial.RenewalDate is { } renewal && renewal > now && renewal - now <= TimeSpan.FromDays(30))
        {
            score -= 10;
            reasons.Add($"renewal on {renewal:yyyy-MM-dd} (-10)");
        }

        if (reasons.Count == 0)
        {
            reasons.Add("payments in order");
        }

        return (score, reasons);
    }
}
