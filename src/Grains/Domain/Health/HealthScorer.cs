using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Engagement;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Domain.Surveys;
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
        var unchanging = default(Unchanging);
        var (score, band) = Compute(state, now, health, rules, components, ref unchanging, out _);
        return new HealthSnapshot(score, band, now, components);
    }

    /// <summary>
    /// The score and band alone: what every evaluation needs. The reasons are text, built only when
    /// someone reads the health (<see cref="Score"/>), so this allocates nothing.
    /// </summary>
    public static (int? Score, HealthBand? Band) Value(CustomerState state, DateTimeOffset now, HealthSettings health, RuleSettings rules) =>
        Value(state, now, health, rules, out _);

    /// <summary>
    /// <see cref="Value(CustomerState, DateTimeOffset, HealthSettings, RuleSettings)"/>, with what a drift
    /// search from <paramref name="now"/> can reuse: the unchanging parts, and the unrounded level there.
    /// </summary>
    internal static (int? Score, HealthBand? Band) Value(CustomerState state, DateTimeOffset now, HealthSettings health, RuleSettings rules, out Unchanging unchanging)
    {
        unchanging = default;
        var (score, band) = Compute(state, now, health, rules, null, ref unchanging, out var level);
        unchanging = unchanging with { LevelNow = double.IsNaN(level) ? null : level };
        return (score, band);
    }

    /// <summary>
    /// The parts of the score that a later moment without new events does not change, worked out once
    /// for the many moments <see cref="NextBandChange"/> scores: sentiment (every reading's weight halves
    /// at the same pace, so their weighted mean stays as it is once none lies ahead of the clock) and
    /// the customer's typical gap. <see cref="Known"/> false: each scoring works them out itself.
    /// <see cref="LevelNow"/> is the unrounded level at the evaluation's own moment, where the search
    /// starts; null when not known.
    /// </summary>
    internal readonly record struct Unchanging(bool Known, double? Sentiment, TimeSpan? TypicalGap, double? LevelNow = null);

    /// <summary>
    /// The usage trend of one day: it changes only at midnight, and a drift search's last steps score
    /// moments within one day. <see cref="Known"/> false until a scoring fills it in.
    /// </summary>
    private struct DayTrend
    {
        public bool Known;
        public int Day;
        public int LastWeek;
        public double WeeklyBaseline;
    }

    // One pass for both uses, so the number a CSM reads is the number the rules saw. Components are
    // visited in a fixed order and summed in it, so the floating-point result does not depend on
    // whether reasons are built.
    private static (int? Score, HealthBand? Band) Compute(
        CustomerState state, DateTimeOffset now, HealthSettings health, RuleSettings rules, List<ComponentScore>? components,
        ref Unchanging unchanging, out double unrounded)
    {
        var trend = default(DayTrend);
        if (Level(state, now, health, rules, components, ref unchanging, ref trend) is not { } level)
        {
            unrounded = double.NaN;
            return (null, null);
        }

        unrounded = level;
        var score = (int)Math.Round(level);
        return (score, BandOf(score, health));
    }

    /// <summary>
    /// The weighted score before rounding, 0..100; null without data. Uses <paramref name="unchanging"/>
    /// when known, and fills it in when not; likewise <paramref name="trend"/> for the day of <paramref name="now"/>.
    /// </summary>
    private static double? Level(
        CustomerState state, DateTimeOffset now, HealthSettings health, RuleSettings rules, List<ComponentScore>? components,
        ref Unchanging unchanging, ref DayTrend trend)
    {
        var effortReasons = components is null ? null : new List<string>();
        var sentimentReasons = components is null ? null : new List<string>();
        var engagementReasons = components is null ? null : new List<string>();
        var commercialReasons = components is null ? null : new List<string>();
        var effort = Effort(state, now, effortReasons);
        var sentiment = unchanging.Known ? unchanging.Sentiment : Sentiment(state, now, health, sentimentReasons);
        var typicalGap = unchanging.Known ? unchanging.TypicalGap : Rhythm.TypicalGap(state.Rhythm);
        // An answer ahead of now still changes its weight until then.
        if (!unchanging.Known && NewestAnswer(state.Surveys) <= now)
        {
            unchanging = new Unchanging(true, sentiment, typicalGap);
        }

        var engagement = Engagement(state, now, typicalGap, rules, engagementReasons, ref trend);
        var commercial = Commercial(state, now, commercialReasons);

        var totalWeight = 0.0;
        var any = false;
        if (effort is not null)
        {
            totalWeight += health.EffortWeight;
            any = true;
        }

        if (sentiment is not null)
        {
            totalWeight += health.SentimentWeight;
            any = true;
        }

        if (engagement is not null)
        {
            totalWeight += health.EngagementWeight;
            any = true;
        }

        if (commercial is not null)
        {
            totalWeight += health.CommercialWeight;
            any = true;
        }

        if (!any || totalWeight <= 0)
        {
            return null;
        }

        var weighted = 0.0;
        Add(ref weighted, HealthComponent.Effort, effort, health.EffortWeight, totalWeight, effortReasons, components);
        Add(ref weighted, HealthComponent.Sentiment, sentiment, health.SentimentWeight, totalWeight, sentimentReasons, components);
        Add(ref weighted, HealthComponent.Engagement, engagement, health.EngagementWeight, totalWeight, engagementReasons, components);
        Add(ref weighted, HealthComponent.Commercial, commercial, health.CommercialWeight, totalWeight, commercialReasons, components);
        return Math.Clamp(weighted, 0, 100);
    }

    private static void Add(ref double weighted, HealthComponent component, double? score, double weight, double totalWeight,
        List<string>? reasons, List<ComponentScore>? components)
    {
        if (score is not { } value)
        {
            return;
        }

        var share = weight / totalWeight;
        weighted += value * share;
        components?.Add(new ComponentScore(component, (int)Math.Round(value), Math.Round(share, 4), reasons!));
    }

    public static HealthBand BandOf(int score, HealthSettings settings) =>
        score >= settings.HealthyFrom ? HealthBand.Healthy : score >= settings.WatchFrom ? HealthBand.Watch : HealthBand.AtRisk;

    // An open issue's age costs this much a day, up to the cap.
    private const double IssueAgePointsPerDay = 5;
    private const double IssueAgeMaxPoints = 20;

    // Silence costs nothing for this many typical gaps, then this much recency per further gap.
    private const double RecencyGraceGaps = 1.5;
    private const double RecencyPointsPerGap = 30;

    /// <summary>Open issues cost points for each contact, channel switch, hour of age and minute of waiting; a high CES costs too.</summary>
    private static double? Effort(CustomerState state, DateTimeOffset now, List<string>? reasons)
    {
        var ces = state.Surveys.Ces;
        if (state.Issues.Count == 0 && ces is null)
        {
            return null;
        }

        var score = 100.0;
        var any = false;
        foreach (var issue in state.Issues)
        {
            if (!issue.IsOpen)
            {
                continue;
            }

            var ageDays = Math.Max(0, (now - issue.FirstAt).TotalDays);
            var penalty = 10 + 8 * Math.Max(0, issue.Contacts - 1) + 8 * Math.Max(0, issue.ChannelCount - 1)
                + Math.Min(IssueAgeMaxPoints, ageDays * IssueAgePointsPerDay) + Math.Min(10, issue.WaitSeconds / 360);
            penalty = Math.Min(50, penalty);
            score -= penalty;
            any = true;
            reasons?.Add($"issue {issue.Id} open {ageDays:0.#} d: {issue.Contacts} contact(s) via {issue.ChannelCount} channel(s), waited {issue.WaitSeconds / 60:0} min (-{penalty:0})");
        }

        if (ces is { Value: >= 5 } high)
        {
            var penalty = (high.Value - 4) * 10;
            score -= penalty;
            any = true;
            reasons?.Add($"CES {high.Value:0} on {high.At:yyyy-MM-dd} (-{penalty:0})");
        }

        if (!any)
        {
            reasons?.Add("no open issues");
        }

        return Math.Max(0, score);
    }

    /// <summary>NPS, CSAT and sentiment readings on one 0..100 scale, newer ones weighing more.</summary>
    private static double? Sentiment(CustomerState state, DateTimeOffset now, HealthSettings settings, List<string>? reasons)
    {
        var surveys = state.Surveys;
        if (surveys.Nps is null && surveys.Csat is null && surveys.Sentiments.Count == 0)
        {
            return null;
        }

        // Every weight halves at the same pace, so the weighted mean is the same at any time past the
        // newest answer; weighing from that answer rather than from now makes it the same to the last
        // bit, and a drift search may reuse it (Unchanging). An answer ahead of now weighs in full.
        var newest = NewestAnswer(surveys);
        var from = newest < now ? newest : now;
        var sum = 0.0;
        var weights = 0.0;
        var halfLifeDays = settings.SentimentHalfLife.TotalDays;
        if (surveys.Nps is { } nps)
        {
            Weigh(ref sum, ref weights, from, halfLifeDays, nps.At, nps.Value * 10, 2);
            reasons?.Add($"NPS {nps.Value:0} on {nps.At:yyyy-MM-dd}");
        }

        if (surveys.Csat is { } csat)
        {
            Weigh(ref sum, ref weights, from, halfLifeDays, csat.At, (csat.Value - 1) * 25, 2);
            reasons?.Add($"CSAT {csat.Value:0} on {csat.At:yyyy-MM-dd}");
        }

        if (surveys.Sentiments.Count > 0)
        {
            var mean = 0.0;
            foreach (var reading in surveys.Sentiments)
            {
                Weigh(ref sum, ref weights, from, halfLifeDays, reading.At, (reading.Value + 1) * 50, 1);
                mean += reading.Value;
            }

            reasons?.Add($"{surveys.Sentiments.Count} recent sentiment reading(s), mean {mean / surveys.Sentiments.Count:0.##}");
        }

        return weights > 0 ? sum / weights : 50;
    }

    /// <summary>The time of the newest survey answer or sentiment reading; the earliest time without any.</summary>
    private static DateTimeOffset NewestAnswer(SurveyState surveys)
    {
        var newest = surveys.Sentiments.Count > 0 ? surveys.Sentiments[0].At : DateTimeOffset.MinValue;
        newest = surveys.Nps is { } nps && nps.At > newest ? nps.At : newest;
        return surveys.Csat is { } csat && csat.At > newest ? csat.At : newest;
    }

    private static void Weigh(ref double sum, ref double weights, DateTimeOffset now, double halfLifeDays, DateTimeOffset at, double value, double weight)
    {
        var ageDays = Math.Max(0, (now - at).TotalDays);
        var w = weight * Math.Pow(0.5, ageDays / halfLifeDays);
        sum += value * w;
        weights += w;
    }

    /// <summary>Recency against the customer's own rhythm, and usage against its own weekly baseline.</summary>
    private static double? Engagement(CustomerState state, DateTimeOffset now, TimeSpan? typicalGap, RuleSettings rules, List<string>? reasons, ref DayTrend trend)
    {
        if (state.Rhythm.LastAt is not { } last)
        {
            return null;
        }

        var expected = ExpectedGap(typicalGap);
        var silence = now - last;
        var ratio = silence / expected;
        var recency = ratio <= RecencyGraceGaps ? 100 : Math.Max(0, 100 - (ratio - RecencyGraceGaps) * RecencyPointsPerGap);
        reasons?.Add($"last interaction {silence.TotalDays:0.#} d ago, typical gap {expected.TotalDays:0.#} d");

        // A baseline thinner than the usage-drop rule's minimum says nothing about a trend: a customer
        // who logs in every ten days has no session in most 7-day windows, which would read as a 50-point
        // engagement fall (and a health drop) in every quiet week.
        var today = Rhythm.EpochDay(now);
        if (!trend.Known || trend.Day != today)
        {
            var (week, weekly) = Usage.Trend(state.Usage, today, rules.UsageBaselineWeeks);
            trend = new DayTrend { Known = true, Day = today, LastWeek = week, WeeklyBaseline = weekly };
        }

        var (lastWeek, baseline) = (trend.LastWeek, trend.WeeklyBaseline);
        if (baseline > 0 && baseline >= rules.UsageMinWeeklyBaseline)
        {
            var usage = Math.Min(100, lastWeek / baseline * 100);
            reasons?.Add($"usage {lastWeek} in the last 7 d vs {baseline:0.#}/week before");
            return (recency + usage) / 2;
        }

        return recency;
    }

    // The silence recency is measured against: the customer's typical gap, a week while it has none, never under a day.
    private static TimeSpan ExpectedGap(TimeSpan? typicalGap)
    {
        var expected = typicalGap ?? TimeSpan.FromDays(7);
        return expected < TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : expected;
    }

    /// <summary>How long before a renewal the commercial component counts it against the customer.</summary>
    public static readonly TimeSpan RenewalPenaltyWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// The next moment the score steps without an event where that moment is known: a renewal entering
    /// the commercial component's window, then passing. Waking then records the change with its cause
    /// and lets the rules see the band it leads to. The score also drifts with time (recency, an issue's
    /// age, the usage window sliding); <see cref="NextBandChange"/> finds when that drift changes the band.
    /// </summary>
    public static DateTimeOffset? NextStep(CustomerState state, DateTimeOffset now)
    {
        if (state.Commercial.CancelledAt is not null || state.Commercial.RenewalDate is not { } renewal || renewal <= now)
        {
            return null;
        }

        var enters = renewal - RenewalPenaltyWindow;
        return enters > now ? enters : renewal;
    }

    /// <summary>
    /// How far ahead <see cref="NextBandChange"/> looks. A year: silence costs recency down to nothing
    /// within 4.8 typical gaps, so only a customer whose rhythm is longer than about 75 days can still be
    /// drifting after it, and that one is scored again at its next event or deadline. A shorter horizon
    /// would need a wake-up at its end for every customer without a deadline, only to look again.
    /// </summary>
    public static readonly TimeSpan DriftHorizon = TimeSpan.FromDays(365);

    /// <summary>The drift search's resolution: it finds the first whole second after the evaluation.</summary>
    public static readonly TimeSpan DriftPrecision = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The first moment after <paramref name="now"/> and no later than <paramref name="until"/> at which
    /// the score, drifting with time alone (no new event), puts the customer in another band than
    /// <paramref name="band"/>, and that band; null if it stays. A customer drifting into at risk is
    /// then scored, and its health-drop and renewal-risk tasks raised, at that moment rather than at
    /// whatever event comes next.
    /// </summary>
    /// <remarks>
    /// Looks no further than the moment the level settles (<see cref="SettledAt"/>), scores it there
    /// (and, for a customer with usage, halfway there), then closes in on the second (below). While
    /// no event arrives an issue's age and the silence against the customer's rhythm only cost more;
    /// the usage trend can turn at a midnight as old days leave its baseline. So a band left and
    /// re-entered between two probes is what it can miss, and the next evaluation looks again. About
    /// seven scorings where the band changes, one or two where it does not (docs/BENCHMARKS.md, issue
    /// 3, has the cost).
    /// </remarks>
    public static (DateTimeOffset At, HealthBand Band)? NextBandChange(
        CustomerState state, DateTimeOffset now, HealthBand? band, DateTimeOffset until, HealthSettings health, RuleSettings rules) =>
        FindBandChange(state, now, band, until, health, rules, default);

    /// <summary><see cref="NextBandChange"/>, with the parts the scoring at <paramref name="now"/> found.</summary>
    internal static (DateTimeOffset At, HealthBand Band)? FindBandChange(
        CustomerState state, DateTimeOffset now, HealthBand? band, DateTimeOffset until, HealthSettings health, RuleSettings rules, Unchanging unchanging)
    {
        // In whole seconds after now, so a wake-up lands on the same sub-second as the evaluation that set it.
        var window = (long)((until - now) / DriftPrecision);
        if (band is not { } from || window < 1)
        {
            return null;
        }

        // From the moment the level settles it no longer changes, so the search looks no further, and
        // the band there says whether it changes at all where the level moves one way: without usage,
        // time only costs an open issue or a silence more (but for the few minutes an answer may lie
        // ahead of the clock, while its weight grows).
        var usageSettles = UsageSettledAt(state, rules);
        var settles = SettledAt(state, now, until, unchanging.Known ? unchanging.TypicalGap : Rhythm.TypicalGap(state.Rhythm), usageSettles);
        long lo = 0, hi = settles >= until ? window : Math.Clamp(CeilingSteps(settles - now), 1, window);
        var atLo = unchanging.LevelNow ?? double.NaN;
        var trend = default(DayTrend);

        // While the usage trend still moves, the level can also rise, at any midnight where old usage
        // leaves the baseline or the trend stops counting, so a band left and come back to before the
        // level settles is looked for in the middle too.
        var jumps = usageSettles > now;
        var middle = jumps ? hi / 2 : 0;
        var atHi = middle > 0 ? LevelAfter(middle) : double.NaN;
        if (middle > 0 && BandAt(atHi) != from)
        {
            hi = middle;
        }
        else
        {
            atHi = LevelAfter(hi);
            if (BandAt(atHi) == from)
            {
                return null;
            }
        }

        // False position on the level, against the edge the band is left by: the score rounds across
        // that edge where the level crosses edge - 0.5. In whole seconds. The level jumps only at
        // midnight, where the usage trend's days move on; between midnights it is continuous (straight
        // but for the few bends of an issue's or the silence's cost). So while the window holds a
        // midnight, the step goes to the midnight nearest the guess; once it holds none, a window
        // ending at a midnight asks whether the day before ends in the band (then the change is the
        // jump), and the rest is a search of one continuous stretch. The Illinois variant (an end kept
        // twice has its value halved) keeps a bend from holding one end in place, and a step that
        // fails to halve the window is followed by a bisection.
        var firstDayStep = CeilingSteps(TimeSpan.FromTicks(TimeSpan.TicksPerDay - now.UtcTicks % TimeSpan.TicksPerDay));
        var to = BandAt(atHi);
        var edge = LowerLimit(to < from ? from - 1 : from, health) - 0.5;
        atLo = (double.IsNaN(atLo) ? LevelAfter(lo) : atLo) - edge;
        atHi -= edge;
        var bisect = false;
        var moved = 0;
        while (hi - lo > 1)
        {
            var width = hi - lo;
            var t = bisect || atLo == atHi ? lo + width / 2 : lo + (long)Math.Round(atLo / (atLo - atHi) * width);
            t = Math.Clamp(t, lo + 1, hi - 1);
            t = jumps ? SnapToMidnight(t, lo, hi, firstDayStep) : t;
            var level = LevelAfter(t);
            if (BandAt(level) == from)
            {
                (lo, atLo) = (t, level - edge);
                atHi = moved < 0 ? atHi / 2 : atHi;
                moved = -1;
            }
            else
            {
                (hi, atHi, to) = (t, level - edge, BandAt(level));
                atLo = moved > 0 ? atLo / 2 : atLo;
                moved = 1;
            }

            bisect = !bisect && hi - lo > width / 2;
        }

        return (now + TimeSpan.FromTicks(hi * DriftPrecision.Ticks), to);

        // A probe never fills in the unchanging parts: it may lie past an answer that is still ahead
        // of now, where they would not hold for the earlier probes. The day's usage trend holds for
        // every probe on that day.
        double LevelAfter(long seconds)
        {
            var parts = unchanging;
            return Level(state, now + TimeSpan.FromTicks(seconds * DriftPrecision.Ticks), health, rules, null, ref parts, ref trend) ?? double.NaN;
        }

        HealthBand BandAt(double level) => double.IsNaN(level) ? from : BandOf((int)Math.Round(level), health);
    }

    /// <summary>
    /// The moment from which the level no longer changes without a new event, for a search that ends at
    /// <paramref name="until"/>: the silence has cost all of recency, every open issue has aged to its
    /// cap, the usage trend has settled (<paramref name="usageSettles"/>), no answer lies ahead, and a
    /// renewal step inside the window has passed. A change to how time costs points has to move this too
    /// (HealthDriftSearchTests scans random customers over a year against it).
    /// </summary>
    private static DateTimeOffset SettledAt(CustomerState state, DateTimeOffset now, DateTimeOffset until, TimeSpan? typicalGap, DateTimeOffset? usageSettles)
    {
        var settled = Latest(now, usageSettles ?? now);
        if (state.Rhythm.LastAt is { } last)
        {
            var gaps = RecencyGraceGaps + 100 / RecencyPointsPerGap;
            settled = Latest(settled, Later(last, ExpectedGap(typicalGap).TotalDays * gaps));
        }

        foreach (var issue in state.Issues)
        {
            if (issue.IsOpen)
            {
                settled = Latest(settled, Later(issue.FirstAt, IssueAgeMaxPoints / IssueAgePointsPerDay));
            }
        }

        settled = Latest(settled, NewestAnswer(state.Surveys));

        // The commercial component steps only as the renewal comes near and passes; an evaluation's
        // window ends before that, as it is a deadline of its own.
        return NextStep(state, now) < until ? Latest(settled, state.Commercial.RenewalDate!.Value) : settled;

        static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

        // A day or more past the exact moment: no rounding of the fraction can land before it.
        static DateTimeOffset Later(DateTimeOffset at, double days)
        {
            var ticks = (double)at.UtcTicks + Math.Ceiling(days + 1) * TimeSpan.TicksPerDay;
            return ticks >= DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue : new DateTimeOffset((long)ticks, TimeSpan.Zero);
        }
    }

    /// <summary>
    /// The midnight from which the usage trend no longer changes: the first day whose windows (the last
    /// 7 days and the baseline weeks before) all lie after the last usage. Null where usage does not
    /// count (none, or no interaction to score engagement from).
    /// </summary>
    private static DateTimeOffset? UsageSettledAt(CustomerState state, RuleSettings rules) =>
        state.Usage.LastDay is { } lastDay && state.Rhythm.LastAt is not null
            ? Rhythm.DayStart(Math.Min(lastDay + 8 + 7 * rules.UsageBaselineWeeks, Rhythm.EpochDay(DateTimeOffset.MaxValue)))
            : null;

    private static readonly long StepsPerDay = TimeSpan.TicksPerDay / DriftPrecision.Ticks;

    /// <summary>
    /// Where the drift search steps instead of <paramref name="t"/>, all in steps after the evaluation,
    /// whose first step on the next day is <paramref name="firstMidnight"/>: the midnight (the first step
    /// of a day) inside (lo, hi) nearest to t; without one, the step before hi if hi is a midnight; else t.
    /// </summary>
    private static long SnapToMidnight(long t, long lo, long hi, long firstMidnight)
    {
        var before = t < firstMidnight ? long.MinValue : firstMidnight + (t - firstMidnight) / StepsPerDay * StepsPerDay;
        var after = before == t ? t : before == long.MinValue ? firstMidnight : before + StepsPerDay;
        var hasBefore = before > lo;
        var hasAfter = after < hi;
        if (hasBefore && hasAfter)
        {
            return t - before <= after - t ? before : after;
        }

        if (hasBefore || hasAfter)
        {
            return hasBefore ? before : after;
        }

        return hi >= firstMidnight && (hi - firstMidnight) % StepsPerDay == 0 ? hi - 1 : t;
    }

    // Whole steps of DriftPrecision, rounded up.
    private static long CeilingSteps(TimeSpan span) =>
        span.Ticks / DriftPrecision.Ticks + (span.Ticks % DriftPrecision.Ticks > 0 ? 1 : 0);

    // The lowest score in a band.
    private static int LowerLimit(HealthBand band, HealthSettings health) =>
        band == HealthBand.Healthy ? health.HealthyFrom : band == HealthBand.Watch ? health.WatchFrom : 0;

    /// <summary>A cancellation zeroes it; an outstanding failed payment and a near renewal cost points.</summary>
    private static double? Commercial(CustomerState state, DateTimeOffset now, List<string>? reasons)
    {
        var commercial = state.Commercial;
        if (!commercial.HasData)
        {
            return null;
        }

        if (commercial.CancelledAt is { } cancelled)
        {
            reasons?.Add($"cancelled on {cancelled:yyyy-MM-dd}");
            return 0;
        }

        var score = 100.0;
        var any = false;
        if (commercial.PaymentOutstanding)
        {
            score -= 40;
            any = true;
            reasons?.Add($"payment failed on {commercial.LastPaymentFailedAt:yyyy-MM-dd}, nothing paid since (-40)");
        }

        if (commercial.RenewalDate is { } renewal && renewal > now && renewal - now <= RenewalPenaltyWindow)
        {
            score -= 10;
            any = true;
            reasons?.Add($"renewal on {renewal:yyyy-MM-dd} (-10)");
        }

        if (!any)
        {
            reasons?.Add("payments in order");
        }

        return score;
    }
}
