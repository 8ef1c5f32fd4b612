using CustomerSuccess.Grains.Domain.Conversations;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Effort;
using CustomerSuccess.Grains.Domain.Engagement;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Rules;

/// <summary>
/// Evaluates every rule of DOMAIN.md's table against the folded state at <c>now</c>. Pure: the same
/// state and time always give the same verdicts. Each time-based rule reports its exact deadline.
/// </summary>
public static class RuleEvaluator
{
    /// <summary>
    /// Every rule's verdict into <paramref name="verdicts"/> (indexed by <see cref="RuleId"/>), without
    /// text: findings carry rule, priority, time and key, and <see cref="Describe"/> gives the titles,
    /// reasons, evidence and cleared reasons when a task is actually opened, compared or closed. Text is
    /// most of an evaluation's cost, and most evaluations change no task.
    /// </summary>
    public static void Evaluate(CustomerState state, int? score, HealthBand? band, DateTimeOffset now, RuleSettings settings, RuleVerdict[] verdicts)
    {
        for (var r = 0; r < RuleNames.Count; r++)
        {
            verdicts[r] = Verdict((RuleId)r, state, score, band, now, settings, text: false);
        }
    }

    /// <summary>Every rule's verdict, with text (a new array).</summary>
    public static RuleVerdict[] Evaluate(CustomerState state, int? score, HealthBand? band, DateTimeOffset now, RuleSettings settings)
    {
        var verdicts = new RuleVerdict[RuleNames.Count];
        for (var r = 0; r < RuleNames.Count; r++)
        {
            verdicts[r] = Verdict((RuleId)r, state, score, band, now, settings, text: true);
        }

        return verdicts;
    }

    /// <summary>
    /// One rule's verdict with its text. Pure, so for the same state and moment it is the verdict
    /// <see cref="Evaluate(CustomerState, int?, HealthBand?, DateTimeOffset, RuleSettings, RuleVerdict[])"/>
    /// gave, plus the words.
    /// </summary>
    public static RuleVerdict Describe(RuleId rule, CustomerState state, int? score, HealthBand? band, DateTimeOffset now, RuleSettings settings) =>
        Verdict(rule, state, score, band, now, settings, text: true);

    private static RuleVerdict Verdict(RuleId rule, CustomerState state, int? score, HealthBand? band, DateTimeOffset now, RuleSettings settings, bool text) => rule switch
    {
        RuleId.AwaitingReply => AwaitingReply(state, now, settings, text),
        RuleId.UnresolvedEffort => UnresolvedEffort(state, now, settings, text),
        RuleId.PublicComplaint => PublicComplaint(state, now, settings, text),
        RuleId.Detractor => Detractor(state, settings, text),
        RuleId.Promoter => Promoter(state, band, score, settings, text),
        RuleId.GoneQuiet => GoneQuiet(state, now, settings, text),
        RuleId.UsageDrop => UsageDrop(state, now, settings, text),
        RuleId.HealthDrop => HealthDrop(state, score, band, now, settings, text),
        RuleId.RenewalRisk => RenewalRisk(state, score, band, now, settings, text),
        RuleId.PaymentFailed => PaymentFailed(state, text),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    private static RuleVerdict AwaitingReply(CustomerState state, DateTimeOffset now, RuleSettings settings, bool text)
    {
        var pending = state.Conversation.Inbound;
        if (pending.Count == 0)
        {
            return Answered(state.Conversation.Answered?.Inbound, text, "nothing awaiting a reply");
        }

        // Each contact has its channel's window; the earliest expiry decides.
        var first = pending[0];
        var deadline = first.At + settings.ReplyWindow(first.Channel);
        var anyPublic = false;
        var maxReach = 0L;
        foreach (var contact in pending)
        {
            var expires = contact.At + settings.ReplyWindow(contact.Channel);
            if (expires < deadline)
            {
                deadline = expires;
                first = contact;
            }

            anyPublic |= contact.Public;
            maxReach = Math.Max(maxReach, contact.Reach);
        }

        // None overdue: the contacts a live task was raised for have been answered (a reply reported
        // late can answer them after later contacts came in). The task closes, as it would have had the
        // reply come first; the contacts still waiting get a task of their own when their window closes.
        if (now < deadline)
        {
            return Answered(state.Conversation.Answered?.Inbound, text, "nothing overdue for a reply", deadline);
        }

        var priority = 3 - (anyPublic ? 1 : 0) - (maxReach >= settings.WideReach ? 1 : 0) - (pending.Count - 1);
        var stamp = new TextStamp(0);
        RuleStamps.Contacts(ref stamp, pending);
        if (!text)
        {
            return RaiseOrReplace(new Finding(RuleId.AwaitingReply, Math.Clamp(priority, 1, 4), deadline, first.Id, Stamp: stamp.Value), state, pending, null, text: false, "");
        }

        var evidence = CitedIds(pending, first);

        var window = settings.ReplyWindow(first.Channel);
        return RaiseOrReplace(new Finding(RuleId.AwaitingReply, Math.Clamp(priority, 1, 4), deadline, first.Id,
            $"Reply to the customer ({first.Channel.ToName()})",
            $"{pending.Count} contact(s) unanswered since {first.At:u} via {first.Channel.ToName()}; the {window.TotalHours:0} h reply window closed at {deadline:u}"
                + (anyPublic ? $"; public, reach {maxReach}" : ""),
            evidence,
            $"Reply on {first.Channel.ToName()} now and confirm the customer has what they need.",
            stamp.Value), state, pending, state.Conversation.Answered?.Inbound, text: true, "nothing awaiting a reply");
    }

    private static RuleVerdict UnresolvedEffort(CustomerState state, DateTimeOffset now, RuleSettings settings, bool text)
    {
        DateTimeOffset? firedAt = null;
        DateTimeOffset? deadline = null;
        string? key = null;
        string? keyIssue = null;
        var priority = 4;
        var anyOpen = false;
        var done = state.Tasks.DoneKeyOf((int)RuleId.UnresolvedEffort);
        List<string>? evidence = null;
        var reason = text ? new System.Text.StringBuilder() : null;
        var stamp = new TextStamp(0);
        foreach (var issue in state.Issues)
        {
            if (!issue.IsOpen)
            {
                continue;
            }

            // The issues of a task the CSM marked done stay quiet until resolved and opened again; they
            // must not hide the other issues, which are other situations.
            var situation = Situation(issue);
            if (done is not null && Covers(done, situation))
            {
                continue;
            }

            anyOpen = true;

            var trigger = issue.FirstAt + settings.EffortMaxAge;
            if (issue.EarliestContacts.Count >= settings.EffortContacts && settings.EffortContacts > 0)
            {
                trigger = Min(trigger, issue.EarliestContacts[settings.EffortContacts - 1].At);
            }

            if (ChannelCountReachedAt(issue, settings.EffortChannels) is { } switchedAt)
            {
                trigger = Min(trigger, switchedAt);
            }

            if (now < trigger)
            {
                deadline = deadline is { } d ? Min(d, trigger) : trigger;
                continue;
            }

            if (firedAt is null || trigger < firedAt)
            {
                firedAt = trigger;
                keyIssue = issue.Id;
            }

            // The key names every issue the task covers (in the ledger's order, whatever the delivery
            // order), so marking it done covers them all.
            key = key is null ? situation : string.Concat(key, SituationSeparator, situation);

            var age = now - issue.FirstAt;
            var issuePriority = issue.Contacts >= 5 || age > TimeSpan.FromHours(72) ? 1
                : issue.Contacts >= 3 || issue.ChannelCount >= 3 ? 2 : 3;
            priority = Math.Min(priority, issuePriority);
            RuleStamps.Issue(ref stamp, issue);
            if (reason is null)
            {
                continue;
            }

            evidence ??= [];
            var ledger = Effort.EffortLedger.ToLedger(issue, now);
            foreach (var id in ledger.ContactEventIds)
            {
                evidence.Add(id);
            }

            if (reason.Length > 0)
            {
                reason.Append("; ");
            }

            reason.Append($"issue {issue.Id} open since {issue.FirstAt:u}: {issue.Contacts} contact(s) via {string.Join(", ", ledger.Channels.Select(c => c.ToName()))}, waited {issue.WaitSeconds / 60:0} min");
        }

        if (firedAt is not { } fired)
        {
            return new RuleVerdict { Holds = false, Cleared = anyOpen || !text ? null : "issue resolved", Deadline = deadline };
        }

        var verdict = reason is null
            ? Raise(new Finding(RuleId.UnresolvedEffort, priority, fired, key!, Stamp: stamp.Value))
            : Raise(new Finding(RuleId.UnresolvedEffort, priority, fired, key!,
                $"Resolve issue {keyIssue} for the customer",
                reason.ToString(), evidence!,
                RuleTexts.EffortAction,
                stamp.Value));
        verdict.Deadline = deadline;
        return verdict;
    }

    private static RuleVerdict PublicComplaint(CustomerState state, DateTimeOffset now, RuleSettings settings, bool text)
    {
        var mentions = state.Conversation.PublicMentions;
        if (mentions.Count == 0)
        {
            return Answered(state.Conversation.Answered?.Mentions, text, "no public complaint");
        }

        var first = mentions[0];
        var deadline = first.At + settings.ComplaintReplyWindow;
        // As for awaiting-reply: a live task's mentions have been answered, the next one is not yet overdue.
        if (now < deadline)
        {
            return Answered(state.Conversation.Answered?.Mentions, text, "no public complaint overdue for a reply", deadline);
        }

        var maxReach = 0L;
        foreach (var mention in mentions)
        {
            maxReach = Math.Max(maxReach, mention.Reach);
        }

        var priority = maxReach >= settings.MassReach ? 1 : maxReach >= settings.WideReach ? 2 : 3;
        var stamp = new TextStamp(0);
        RuleStamps.Contacts(ref stamp, mentions);
        if (!text)
        {
            return RaiseOrReplace(new Finding(RuleId.PublicComplaint, priority, deadline, first.Id, Stamp: stamp.Value), state, mentions, null, text: false, "");
        }

        var evidence = CitedIds(mentions, first);

        return RaiseOrReplace(new Finding(RuleId.PublicComplaint, priority, deadline, first.Id,
            RuleTexts.ComplaintTitle,
            $"{mentions.Count} public negative mention(s) on {first.Channel.ToName()} since {first.At:u} (sentiment {first.Sentiment:0.##}, reach up to {maxReach}), no reply within {settings.ComplaintReplyWindow.TotalHours:0} h",
            evidence,
            RuleTexts.ComplaintAction,
            stamp.Value), state, mentions, state.Conversation.Answered?.Mentions, text: true, "no public complaint");
    }

    private static RuleVerdict Detractor(CustomerState state, RuleSettings settings, bool text)
    {
        var surveys = state.Surveys;
        Surveys.Reading? latest = null;
        var what = "";
        if (surveys.Nps is { } nps && nps.Value <= settings.DetractorNps)
        {
            (latest, what) = (nps, "NPS");
        }

        if (surveys.Csat is { } csat && csat.Value <= settings.DetractorCsat && (latest is null || csat.At > latest.Value.At))
        {
            (latest, what) = (csat, "CSAT");
        }

        if (surveys.Ces is { } ces && ces.Value >= settings.DetractorCes && (latest is null || ces.At > latest.Value.At))
        {
            (latest, what) = (ces, "CES");
        }

        if (latest is not { } answer)
        {
            return Cleared(text ? "the latest survey answers are no longer negative" : null);
        }

        return Raise(!text
            ? new Finding(RuleId.Detractor, 2, answer.At, answer.Id, Stamp: TextStamp.KeyAlone)
            : new Finding(RuleId.Detractor, 2, answer.At, answer.Id,
                RuleTexts.DetractorTitle,
                $"{what} {answer.Value:0} on {answer.At:u}", [answer.Id],
                RuleTexts.DetractorAction,
                TextStamp.KeyAlone));
    }

    private static RuleVerdict Promoter(CustomerState state, HealthBand? band, int? score, RuleSettings settings, bool text)
    {
        if (state.Surveys.Nps is not { } nps || nps.Value < settings.PromoterNps || state.Commercial.CancelledAt is not null)
        {
            return Cleared(text ? "no current promoter answer" : null);
        }

        if (band != HealthBand.Healthy)
        {
            return new RuleVerdict { Holds = true };
        }

        var firedAt = state.Health.BandSince is { } since && since > nps.At ? since : nps.At;
        return Raise(!text
            ? new Finding(RuleId.Promoter, 4, firedAt, nps.Id, Stamp: TextStamp.KeyAlone)
            : new Finding(RuleId.Promoter, 4, firedAt, nps.Id,
                RuleTexts.PromoterTitle,
                // The band, not the score: a task's reason changes only when its situation does.
                $"NPS {nps.Value:0} on {nps.At:u} from a healthy customer", [nps.Id],
                RuleTexts.PromoterAction,
                TextStamp.KeyAlone));
    }

    private static RuleVerdict GoneQuiet(CustomerState state, DateTimeOffset now, RuleSettings settings, bool text)
    {
        var rhythm = state.Rhythm;
        if (state.Commercial.CancelledAt is not null || rhythm.LastAt is not { } last
            || rhythm.Interactions < settings.QuietMinInteractions || Rhythm.TypicalGap(rhythm) is not { } gap)
        {
            return Cleared(text ? "customer active again" : null);
        }

        var quietFor = gap * settings.QuietGapMultiple;
        if (quietFor < settings.QuietMinimum)
        {
            quietFor = settings.QuietMinimum;
        }

        var deadline = last + quietFor;
        if (now < deadline)
        {
            return new RuleVerdict { Holds = false, Cleared = text ? $"customer active again ({rhythm.LastId})" : null, Deadline = deadline };
        }

        // The key is the last interaction's id ("" when none was recorded, as the interpolation gave before).
        var key = rhythm.LastId ?? "";
        var stamp = new TextStamp(0);
        stamp.Add(last.UtcTicks);
        stamp.Add(gap.Ticks);
        stamp.Add(quietFor.Ticks);
        stamp.Add(rhythm.Interactions);
        stamp.Add(rhythm.LastId);
        return Raise(!text
            ? new Finding(RuleId.GoneQuiet, 3, deadline, key, Stamp: stamp.Value)
            : new Finding(RuleId.GoneQuiet, 3, deadline, key,
                RuleTexts.QuietTitle,
                $"no inbound contact or usage since {last:u}; typical gap {gap.TotalDays:0.#} d over {rhythm.Interactions} interactions, so quiet after {quietFor.TotalDays:0.#} d",
                [rhythm.LastId!],
                RuleTexts.QuietAction,
                stamp.Value));
    }

    private static RuleVerdict UsageDrop(CustomerState state, DateTimeOffset now, RuleSettings settings, bool text)
    {
        var usage = state.Usage;
        if (usage.FirstDay is not { } firstDay || state.Commercial.CancelledAt is not null)
        {
            return Cleared(text ? "usage back to normal" : null);
        }

        // The history must reach back the baseline weeks, or a new customer's first week looks like a drop
        // (the baseline's oldest week may still lie before the first use: that only lowers the baseline).
        // Without new usage, days only leave the window: 8 days after today, or after the first day the
        // history allows, the last usage has left the last week, and the baseline only shrinks.
        var today = Rhythm.EpochDay(now);
        var eligible = firstDay + 7 * settings.UsageBaselineWeeks;
        var dropDay = Usage.FirstDrop(usage, today, Math.Max(today + 1, eligible) + 8, eligible,
            settings.UsageBaselineWeeks, settings.UsageDropRatio, settings.UsageMinWeeklyBaseline);
        if (dropDay != today)
        {
            return dropDay is { } day
                ? new RuleVerdict { Holds = false, Cleared = text ? "usage back to normal" : null, Deadline = Rhythm.DayStart(day) }
                : Cleared(text ? "usage back to normal" : null);
        }

        var drop = Usage.Trend(usage, today, settings.UsageBaselineWeeks);
        var key = $"usage:{usage.LastDay}";
        var stamp = new TextStamp(0);
        stamp.Add(today);
        stamp.Add(usage.LastDay ?? today);
        stamp.Add(drop.LastWeek);
        stamp.Add(drop.WeeklyBaseline);
        if (!text)
        {
            return Raise(new Finding(RuleId.UsageDrop, 3, Rhythm.DayStart(today), key, Stamp: stamp.Value));
        }

        var lastDay = Rhythm.DayStart(usage.LastDay ?? today);
        return Raise(new Finding(RuleId.UsageDrop, 3, Rhythm.DayStart(today), key,
            RuleTexts.UsageTitle,
            $"usage {drop.LastWeek} in the last 7 days as of {Rhythm.DayStart(today):yyyy-MM-dd} vs {drop.WeeklyBaseline:0.#}/week over the {settings.UsageBaselineWeeks} weeks before (below {settings.UsageDropRatio:P0}); last usage on {lastDay:yyyy-MM-dd}",
            [$"usage-last-7d:{drop.LastWeek}", $"usage-weekly-baseline:{drop.WeeklyBaseline:0.#}"],
            RuleTexts.UsageAction,
            stamp.Value));
    }

    private static RuleVerdict HealthDrop(CustomerState state, int? healthScore, HealthBand? band, DateTimeOffset now, RuleSettings settings, bool text)
    {
        if (healthScore is not { } score)
        {
            return Cleared(text ? "no health score" : null);
        }

        // The highest score held within the window: every change in it tells the score before and after.
        // Instants compared as UTC ticks: building each change's time with its offset is most of this
        // loop's cost, and it runs at every evaluation.
        var peak = score;
        var peakTicks = now.UtcTicks;
        var peakIndex = -1;
        var since = (now - settings.HealthDropWindow).UtcTicks;
        var history = state.Health.History;
        for (var i = 0; i < history.Count; i++)
        {
            var at = history.UtcTicksOf(i);
            if (at < since)
            {
                break;
            }

            if (history.FromOf(i) is { } from && from > peak)
            {
                (peak, peakTicks, peakIndex) = (from, at, i);
            }
        }

        if (peak - score >= settings.HealthDropPoints && history.Count > 0)
        {
            // The evidence is the change that took health to its lowest point since the peak (the
            // first to reach it), not the latest change: a score that wobbles on the way down or
            // partly recovers is not new evidence, and a CSM's task is not rewritten on every event.
            // A deeper fall is, and updates it.
            var low = peakIndex >= 0 ? history.ToOf(peakIndex) : score;
            var lowIndex = Math.Max(peakIndex, 0);
            for (var i = peakIndex - 1; i >= 0; i--)
            {
                if (history.ToOf(i) < low)
                {
                    (low, lowIndex) = (history.ToOf(i), i);
                }
            }

            var key = $"drop:{peakTicks}";
            var lowest = text ? history[lowIndex] : null;
            var stamp = new TextStamp(1);
            stamp.Add(peak);
            stamp.Add(low);
            RuleStamps.Change(ref stamp, history, lowIndex);
            return Raise(!text
                ? new Finding(RuleId.HealthDrop, band == HealthBand.AtRisk ? 1 : 2, history.AtOf(lowIndex), key, Stamp: stamp.Value)
                : new Finding(RuleId.HealthDrop, band == HealthBand.AtRisk ? 1 : 2, history.AtOf(lowIndex), key,
                    RuleTexts.HealthDropTitle,
                    $"health fell from {peak} to {low} within {settings.HealthDropWindow.TotalDays:0} d; it reached {low} on {lowest!.At:u}: {lowest.From} -> {lowest.To} because {lowest.Cause}",
                    [lowest.Cause],
                    RuleTexts.HealthAction,
                    stamp.Value));
        }

        if (band == HealthBand.AtRisk && state.Health.EnteredAtRiskAt is { } entered)
        {
            // Likewise the change that entered the band, not the latest one.
            var enteredIndex = 0;
            var enteredTicks = entered.UtcTicks;
            for (var i = 0; i < history.Count && history.UtcTicksOf(i) >= enteredTicks; i++)
            {
                enteredIndex = i;
            }

            // Only if the history still holds it (it is capped).
            var held = history.Count > 0 && history.UtcTicksOf(enteredIndex) == enteredTicks;
            var entry = text && held ? history[enteredIndex] : null;
            var key = $"at-risk:{entered.UtcTicks}";
            var stamp = new TextStamp(2);
            stamp.Add(entered.UtcTicks);
            if (held)
            {
                RuleStamps.Change(ref stamp, history, enteredIndex);
            }

            return Raise(!text
                ? new Finding(RuleId.HealthDrop, 1, entered, key, Stamp: stamp.Value)
                : new Finding(RuleId.HealthDrop, 1, entered, key,
                    RuleTexts.EnteredAtRiskTitle,
                    entry is null ? $"health at risk since {entered:u}" : $"health at risk since {entered:u}: {entry.From} -> {entry.To} because {entry.Cause}",
                    entry is null ? [] : [entry.Cause],
                    RuleTexts.HealthAction,
                    stamp.Value));
        }

        return band == HealthBand.Healthy
            ? Cleared(text ? $"health recovered to {score}" : null)
            : new RuleVerdict { Holds = true };
    }

    private static RuleVerdict RenewalRisk(CustomerState state, int? score, HealthBand? band, DateTimeOffset now, RuleSettings settings, bool text)
    {
        if (state.Commercial.RenewalDate is not { } renewal || state.Commercial.CancelledAt is not null || now >= renewal)
        {
            return Cleared(text ? "no renewal ahead" : null);
        }

        var opens = renewal - settings.RenewalHorizon;
        if (now < opens)
        {
            return new RuleVerdict { Holds = false, Cleared = text ? "renewal moved out" : null, Deadline = opens };
        }

        if (band is not (HealthBand.Watch or HealthBand.AtRisk))
        {
            return new RuleVerdict { Holds = false, Cleared = text ? $"health {score} is healthy" : null, Deadline = renewal };
        }

        var bandSince = state.Health.BandSince ?? opens;
        var key = $"renewal:{renewal.UtcTicks}";
        var stamp = new TextStamp(0);
        stamp.Add(renewal.UtcTicks);
        stamp.Add((long)band);
        stamp.Add(state.Health.BandSince?.UtcTicks ?? long.MinValue);
        var verdict = Raise(!text
            ? new Finding(RuleId.RenewalRisk, band == HealthBand.AtRisk ? 1 : 2, bandSince > opens ? bandSince : opens, key, Stamp: stamp.Value)
            : new Finding(RuleId.RenewalRisk, band == HealthBand.AtRisk ? 1 : 2, bandSince > opens ? bandSince : opens, key,
                RuleTexts.RenewalTitle,
                $"renewal on {renewal:yyyy-MM-dd} with health {(band == HealthBand.AtRisk ? "at risk" : "in watch")}{(state.Health.BandSince is { } inBandSince ? $" since {inBandSince:u}" : "")}",
                [$"renewal:{renewal:yyyy-MM-dd}"],
                RuleTexts.RenewalAction,
                stamp.Value));
        verdict.Deadline = renewal;
        return verdict;
    }

    private static RuleVerdict PaymentFailed(CustomerState state, bool text)
    {
        var commercial = state.Commercial;
        if (!commercial.PaymentOutstanding)
        {
            return Cleared(!text ? null : commercial.LastPaymentId is { } paid ? $"payment {paid} received" : "no failed payment");
        }

        return Raise(!text
            ? new Finding(RuleId.PaymentFailed, 2, commercial.LastPaymentFailedAt!.Value, commercial.LastPaymentFailedId!, Stamp: TextStamp.KeyAlone)
            : new Finding(RuleId.PaymentFailed, 2, commercial.LastPaymentFailedAt!.Value, commercial.LastPaymentFailedId!,
                RuleTexts.PaymentTitle,
                $"payment {commercial.LastPaymentFailedValue?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? ""} failed on {commercial.LastPaymentFailedAt:u}, no purchase or payment since",
                [commercial.LastPaymentFailedId!],
                RuleTexts.PaymentAction,
                TextStamp.KeyAlone));
    }

    /// <summary>When the issue's contacts first spanned <paramref name="channels"/> distinct channels, from the earliest contacts.</summary>
    private static DateTimeOffset? ChannelCountReachedAt(Effort.IssueState issue, int channels)
    {
        if (channels <= 0 || issue.ChannelCount < channels)
        {
            return null;
        }

        var seen = 0;
        var count = 0;
        foreach (var contact in issue.EarliestContacts)
        {
            var bit = 1 << (int)contact.Channel;
            if ((seen & bit) == 0)
            {
                seen |= bit;
                if (++count >= channels)
                {
                    return contact.At;
                }
            }
        }

        return null;
    }

    private static RuleVerdict Raise(Finding finding) => new() { Raise = finding, Holds = true };

    // A conversation rule's live task is keyed by the contact that decided its deadline. When that contact
    // no longer waits (a reply reported late answered it) while others are overdue, the task's situation
    // ended at the reply: it closes and the overdue ones get a task of their own, as in delivery order.
    private static RuleVerdict RaiseOrReplace(Finding finding, CustomerState state, List<PendingContact> pending, AnsweringReply? reply, bool text, string otherwise)
    {
        var verdict = Raise(finding);
        if (state.Tasks.LiveKeys[(int)finding.Rule] is not { } liveKey)
        {
            return verdict;
        }

        // A full list may have dropped the keying contact for a late, earlier one: not answered, so not replaced.
        if (pending.Count >= ConversationState.KeptPending)
        {
            return verdict;
        }

        foreach (var contact in pending)
        {
            if (contact.Id == liveKey)
            {
                return verdict;
            }
        }

        verdict.Replaces = true;
        if (text)
        {
            (verdict.Cleared, verdict.RepliedAt) = ClearedBy(reply, otherwise);
        }

        return verdict;
    }

    // The contact that decided the deadline, then the others in time order, as many as a task cites.
    private static List<string> CitedIds(List<PendingContact> contacts, PendingContact deciding)
    {
        var cited = new List<string>(Math.Min(contacts.Count, ConversationState.CitedPending)) { deciding.Id };
        for (var i = 0; i < contacts.Count && cited.Count < ConversationState.CitedPending; i++)
        {
            if (!ReferenceEquals(contacts[i], deciding))
            {
                cited.Add(contacts[i].Id);
            }
        }

        return cited;
    }

    private static RuleVerdict Cleared(string? why) => new() { Holds = false, Cleared = why };

    // Ids hold no control characters (the API refuses them), so this cannot occur inside one.
    private const string SituationSeparator = "\u001f";

    // What a done mark covers: the issue, or the issue since the resolution it opened again after.
    private static string Situation(IssueState issue) =>
        issue.ResolvedAt is { } resolved ? $"{issue.Id}@{resolved.UtcTicks}" : issue.Id;

    /// <summary>
    /// What a rule's done mark becomes when the CSM marks its live task (keyed <paramref name="liveKey"/>)
    /// done. Unresolved-effort keeps, besides every issue of that task, the issues of earlier done tasks
    /// that are still open in the same situation (at most <see cref="KeptDoneIssues"/> in all): each
    /// issue is its own situation, and marking one task done must not bring back another issue marked
    /// done before. Other rules have one situation at a time.
    /// </summary>
    public static string? DoneKeyAfter(RuleId rule, string? previousDone, string? liveKey, IReadOnlyList<IssueState> issues)
    {
        if (rule != RuleId.UnresolvedEffort || previousDone is null || liveKey is null)
        {
            return liveKey;
        }

        var kept = new List<string>(liveKey.Split(SituationSeparator));
        foreach (var part in previousDone.Split(SituationSeparator))
        {
            if (kept.Count >= KeptDoneIssues || kept.Contains(part))
            {
                continue;
            }

            foreach (var issue in issues)
            {
                if (issue.IsOpen && Situation(issue) == part)
                {
                    kept.Add(part);
                    break;
                }
            }
        }

        return string.Join(SituationSeparator, kept);
    }

    /// <summary>How many issues an unresolved-effort done mark remembers.</summary>
    public const int KeptDoneIssues = 16;

    private static bool Covers(string doneKey, string situation)
    {
        foreach (var range in doneKey.AsSpan().Split(SituationSeparator))
        {
            if (doneKey.AsSpan()[range].SequenceEqual(situation))
            {
                return true;
            }
        }

        return false;
    }

    // A conversation rule's wait has ended. If a reply among the events just applied answered the contact
    // its live task is keyed by (ConversationState.Answered), that reply closes the task, which counts as
    // outreach (OutreachTask.RepliedAt); otherwise the wait ended without one (its deadline moved).
    private static RuleVerdict Answered(AnsweringReply? reply, bool text, string otherwise, DateTimeOffset? deadline = null)
    {
        var verdict = new RuleVerdict { Holds = false, Deadline = deadline };
        if (text)
        {
            (verdict.Cleared, verdict.RepliedAt) = ClearedBy(reply, otherwise);
        }

        return verdict;
    }

    private static (string Cleared, DateTimeOffset? RepliedAt) ClearedBy(AnsweringReply? reply, string otherwise) =>
        reply is { } answered ? ($"reply {answered.Id} sent", answered.At) : (otherwise, null);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
