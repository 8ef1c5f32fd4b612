using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Simulation;

/// <summary>
/// The touchpoint patterns the archetypes are made of, drawn from DOMAIN.md: everyday usage,
/// payments, renewals, routine support that goes well, and the incidents the rules exist for.
/// Incidents are placed relative to the end of the window so they are "live" at the end.
/// </summary>
internal static class Journeys
{
    private static readonly Channel[] UsageChannels = [Channel.App, Channel.App, Channel.App, Channel.Web];

    /// <summary>The start of day <paramref name="day"/> of the window (day 0 is the start's date).</summary>
    public static DateTimeOffset Day(JourneyWriter w, int day) =>
        new DateTimeOffset(w.Start.UtcDateTime.Date, TimeSpan.Zero).AddDays(day);

    public static int LastDay(JourneyWriter w) => (w.End.UtcDateTime.Date - w.Start.UtcDateTime.Date).Days;

    /// <summary>A time during working hours (07:00-20:00 UTC) on the day.</summary>
    public static DateTimeOffset During(JourneyWriter w, ref SimRandom r, int day) =>
        Day(w, day).AddSeconds(r.Next(7 * 3600, 20 * 3600));

    /// <summary>Every working day, sometimes twice; weekends now and then. Regular enough that no drop or silence is real.</summary>
    public static void WorkdayUsage(JourneyWriter w, ref SimRandom r, int fromDay, int toDay)
    {
        for (var day = fromDay; day <= toDay; day++)
        {
            var weekend = Day(w, day).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (!weekend || r.Chance(0.3))
            {
                w.Add(TouchpointType.Usage, During(w, ref r, day), r.Pick(UsageChannels));
            }

            if (!weekend && r.Chance(0.3))
            {
                w.Add(TouchpointType.Usage, During(w, ref r, day), r.Pick(UsageChannels));
            }
        }
    }

    /// <summary>A session every 8-12 days: little activity, but its own steady rhythm.</summary>
    public static void SparseUsage(JourneyWriter w, ref SimRandom r)
    {
        for (var day = r.Next(0, 8); day <= LastDay(w); day += r.Next(8, 13))
        {
            w.Add(TouchpointType.Usage, During(w, ref r, day), r.Pick(UsageChannels));
        }
    }

    /// <summary>
    /// Heavy use whose intensity falls from full at <paramref name="declineFromDay"/> to 3% at the end: each of the day's possible sessions happens with the day's intensity.
    /// </summary>
    public static void DecliningUsage(JourneyWriter w, ref SimRandom r, int declineFromDay)
    {
        var last = LastDay(w);
        for (var day = 0; day <= last; day++)
        {
            // Quadratic: a slow start that steepens, so the last week is clearly below the weeks before it.
            var remaining = day < declineFromDay ? 1.0 : 1.0 - (day - declineFromDay) / (double)(last - declineFromDay);
            var intensity = Math.Max(0.03, remaining * remaining);
            var weekend = Day(w, day).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var sessions = weekend ? 1 : r.Next(2, 4);
            for (var s = 0; s < sessions; s++)
            {
                if (r.Chance(intensity))
                {
                    w.Add(TouchpointType.Usage, During(w, ref r, day), r.Pick(UsageChannels));
                }
            }
        }
    }

    /// <summary>Regular use that thins out from <paramref name="driftFromDay"/> and stops at <paramref name="silentFromDay"/>.</summary>
    public static void DriftingUsage(JourneyWriter w, ref SimRandom r, int driftFromDay, int silentFromDay)
    {
        WorkdayUsage(w, ref r, 0, driftFromDay - 1);
        for (var day = driftFromDay; day < silentFromDay; day++)
        {
            var intensity = 0.8 - 0.6 * (day - driftFromDay) / (double)(silentFromDay - driftFromDay);
            if (r.Chance(intensity))
            {
                w.Add(TouchpointType.Usage, During(w, ref r, day), r.Pick(UsageChannels));
            }
        }

        // The drift ends with one last session, so the silence has a clear start.
        w.Add(TouchpointType.Usage, During(w, ref r, silentFromDay - 1), r.Pick(UsageChannels));
    }

    /// <summary>A monthly subscription payment, until <paramref name="until"/> (a failed payment stops them).</summary>
    public static void MonthlyPurchases(JourneyWriter w, ref SimRandom r, decimal monthly, DateTimeOffset until)
    {
        for (var day = r.Next(0, 30); day <= LastDay(w); day += 30)
        {
            var at = Day(w, day).AddHours(3).AddSeconds(r.Next(0, 3600));
            if (at < until)
            {
                w.Add(TouchpointType.Purchase, at, Channel.Billing, value: monthly);
            }
        }
    }

    /// <summary>
    /// Support that goes well: a question through email or chat, answered inside the channel's
    /// window, resolved the same day, sometimes a good CSAT. Kept out of the last 10 days so a
    /// healthy customer's board is empty at the end.
    /// </summary>
    public static void RoutineSupport(JourneyWriter w, ref SimRandom r, int count)
    {
        var last = LastDay(w) - 10;
        for (var n = 1; n <= count; n++)
        {
            var issueId = $"{w.CustomerId}-r{n}";
            var chat = r.Chance(0.5);
            var channel = chat ? Channel.Chat : Channel.Email;
            var at = During(w, ref r, r.Next(3, last));
            w.Add(TouchpointType.IssueOpened, at, channel, issueId);
            w.Add(TouchpointType.ContactInbound, at, channel, issueId, sentiment: Math.Round(r.Between(-0.1, 0.4), 2),
                waitSeconds: chat ? r.Next(20, 240) : 0);
            var reply = at.AddSeconds(chat ? r.Next(120, 1800) : r.Next(1800, 4 * 3600));
            w.Add(TouchpointType.ContactOutbound, reply, channel, issueId);
            var resolved = reply.AddSeconds(r.Next(600, 4 * 3600));
            w.Add(TouchpointType.IssueResolved, resolved, channel, issueId);
            if (r.Chance(0.5))
            {
                w.Add(TouchpointType.SurveyCsat, resolved.AddHours(r.Next(2, 20)), Channel.Survey, issueId, score: r.Next(4, 6));
            }
        }
    }

    /// <summary>
    /// DOMAIN.md's effort story: an issue that takes three contacts and two channels, every contact
    /// answered, the issue still open at the end. Returns the issue id.
    /// </summary>
    public static string RepeatContactIssue(JourneyWriter w, ref SimRandom r)
    {
        var issueId = $"{w.CustomerId}-i1";
        var first = r.Chance(0.5) ? Channel.Email : Channel.Chat;
        var second = first == Channel.Chat && r.Chance(0.5) ? Channel.Email : Channel.Phone;
        var t0 = w.End.AddHours(-r.Next(72, 168));
        DateTimeOffset[] contacts = [t0, t0.AddHours(r.Next(16, 31)), t0.AddHours(r.Next(40, 61))];
        Channel[] channels = [first, first, second];
        w.Add(TouchpointType.IssueOpened, t0, first, issueId);
        for (var i = 0; i < contacts.Length; i++)
        {
            var channel = channels[i];
            var wait = channel switch { Channel.Phone => r.Next(300, 1800), Channel.Chat => r.Next(60, 600), _ => 0 };
            // Patience runs out: each contact is angrier than the one before.
            w.Add(TouchpointType.ContactInbound, contacts[i], channel, issueId, sentiment: Math.Round(-0.1 - 0.25 * i - r.Between(0, 0.1), 2), waitSeconds: wait);
            var replyAfter = channel switch { Channel.Phone => r.Next(wait + 60, wait + 900), Channel.Chat => r.Next(300, 1800), _ => r.Next(2 * 3600, 8 * 3600) };
            w.Add(TouchpointType.ContactOutbound, contacts[i].AddSeconds(replyAfter), channel, issueId);
        }

        return issueId;
    }

    /// <summary>A negative public post with an audience, in the last four days, that nobody answered.</summary>
    public static void PublicComplaint(JourneyWriter w, ref SimRandom r)
    {
        var reach = (long)Math.Exp(r.Between(Math.Log(200), Math.Log(50_000)));
        w.Add(TouchpointType.SocialMention, w.End.AddSeconds(-r.Next(2 * 3600, 96 * 3600)), Channel.Social,
            sentiment: Math.Round(r.Between(-0.9, -0.4), 2), isPublic: true, reach: reach);
    }

    /// <summary>A recent NPS of 0-6, sometimes with a CSAT of 1-2 the same week.</summary>
    public static void Detractor(JourneyWriter w, ref SimRandom r)
    {
        var at = w.End.AddSeconds(-r.Next(86_400, 20 * 86_400));
        w.Add(TouchpointType.SurveyNps, at, Channel.Survey, score: r.Next(0, 7));
        if (r.Chance(0.4))
        {
            w.Add(TouchpointType.SurveyCsat, at.AddHours(-r.Next(2, 96)), Channel.Survey, score: r.Next(1, 3));
        }
    }

    /// <summary>A recent NPS of 9-10.</summary>
    public static void Promoter(JourneyWriter w, ref SimRandom r) =>
        w.Add(TouchpointType.SurveyNps, w.End.AddSeconds(-r.Next(86_400, 20 * 86_400)), Channel.Survey, score: r.Next(9, 11));
}
