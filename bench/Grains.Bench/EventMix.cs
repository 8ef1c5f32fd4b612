using System.Globalization;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Bench;

/// <summary>
/// A seeded, realistic week of touchpoints for one customer, as an ingestion path would deliver it:
/// one batch per customer per week. Mostly usage (4-9 sessions) and contacts (an inbound contact
/// most weeks, usually answered, some about an issue that is resolved a day or two later, some
/// followed up on another channel), then occasional surveys (NPS, CSAT after an issue, CES), social
/// mentions, purchases, payment failures and renewals. About 8.5 events per customer-week.
/// </summary>
internal static class EventMix
{
    public const int Customers = 100_000;

    private static readonly Channel[] ContactChannels = [Channel.Email, Channel.Email, Channel.Chat, Channel.Phone, Channel.App, Channel.Web];

    public static string CustomerId(int customer) => $"customer-{customer:D6}";

    public static string[] CustomerIds()
    {
        var ids = new string[Customers];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = CustomerId(i);
        }

        return ids;
    }

    /// <summary>A profile: 200 CSMs, three segments, a renewal date within the coming year.</summary>
    public static CustomerProfile Profile(int customer, DateTimeOffset now) => new(
        $"Customer {customer}",
        (customer % 3) switch { 0 => "enterprise", 1 => "mid-market", _ => "smb" },
        $"csm-{customer % 200:D3}",
        1_000 + (customer % 97) * 500,
        now.AddDays(30 + customer % 330));

    /// <summary>
    /// What a customer grain does with a batch on the pure model: applies each event, then evaluates at
    /// <paramref name="at"/> with the newest applied event as the trigger (nothing to evaluate if every
    /// event was a duplicate).
    /// </summary>
    public static void ApplyAndEvaluate(CustomerModel model, ReadOnlySpan<TouchpointEvent> batch, DateTimeOffset at)
    {
        TouchpointEvent? newest = null;
        foreach (var e in batch)
        {
            if (model.Apply(e) && (newest is null || e.OccurredAt >= newest.OccurredAt))
            {
                newest = e;
            }
        }

        if (newest is not null)
        {
            model.Evaluate(at, newest);
        }
    }

    /// <summary>The batch of <paramref name="week"/> for one customer; the week starts at <paramref name="start"/>.</summary>
    public static TouchpointEvent[] Week(string customerId, int customer, int week, DateTimeOffset start)
    {
        var random = new Random(customer * 7919 + week);
        var events = new List<TouchpointEvent>(16);
        var k = 0;
        string NextId() => $"evt-{customer}-{week}-{k++}";
        DateTimeOffset At(double fromDay, double toDay) => start.AddSeconds((fromDay + random.NextDouble() * (toDay - fromDay)) * 86_400);

        var sessions = 4 + random.Next(6);
        for (var i = 0; i < sessions; i++)
        {
            events.Add(new(NextId(), customerId, TouchpointType.Usage, At(0, 7), Channel.App));
        }

        if (random.NextDouble() < 0.6)
        {
            var channel = ContactChannels[random.Next(ContactChannels.Length)];
            var at = At(0, 5);
            var issue = random.NextDouble() < 0.4 ? $"T-{customer}-{week}" : null;
            events.Add(new(NextId(), customerId, TouchpointType.ContactInbound, at, channel, issue,
                Sentiment: Math.Round(random.NextDouble() * 1.4 - 0.8, 2), WaitSeconds: random.Next(0, 600)));
            if (random.NextDouble() < 0.9)
            {
                events.Add(new(NextId(), customerId, TouchpointType.ContactOutbound, at.AddMinutes(10 + random.Next(600)), channel, issue));
            }

            if (issue is not null)
            {
                if (random.NextDouble() < 0.3)
                {
                    var other = ContactChannels[random.Next(ContactChannels.Length)];
                    events.Add(new(NextId(), customerId, TouchpointType.ContactInbound, at.AddHours(3 + random.Next(20)), other, issue,
                        Sentiment: -0.4, WaitSeconds: random.Next(60, 900)));
                }

                if (random.NextDouble() < 0.8)
                {
                    events.Add(new(NextId(), customerId, TouchpointType.IssueResolved, at.AddHours(24 + random.Next(24)), Channel.Other, issue));
                    if (random.NextDouble() < 0.25)
                    {
                        events.Add(new(NextId(), customerId, TouchpointType.SurveyCsat, at.AddHours(50), Channel.Survey, Score: 1 + random.Next(5)));
                    }
                }
            }
        }

        if (random.NextDouble() < 0.08)
        {
            events.Add(new(NextId(), customerId, TouchpointType.SurveyNps, At(0, 7), Channel.Survey, Score: NpsScore(random)));
        }

        if (random.NextDouble() < 0.03)
        {
            events.Add(new(NextId(), customerId, TouchpointType.SurveyCes, At(0, 7), Channel.Survey, Score: 1 + random.Next(7)));
        }

        if (random.NextDouble() < 0.05)
        {
            events.Add(new(NextId(), customerId, TouchpointType.SocialMention, At(0, 7), Channel.Social,
                Sentiment: Math.Round(random.NextDouble() * 2 - 1, 2), Public: true, Reach: random.Next(10, 5_000)));
        }

        if (random.NextDouble() < 0.25)
        {
            events.Add(new(NextId(), customerId, TouchpointType.Purchase, At(0, 7), Channel.Billing, Value: 20 + random.Next(500)));
        }

        if (random.NextDouble() < 0.03)
        {
            events.Add(new(NextId(), customerId, TouchpointType.PaymentFailed, At(0, 7), Channel.Billing, Value: 100));
        }

        if (random.NextDouble() < 0.02)
        {
            var renewal = start.AddDays(60 + random.Next(300)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            events.Add(new(NextId(), customerId, TouchpointType.SubscriptionRenewal, At(0, 7), Channel.Billing,
                Attributes: new Dictionary<string, string> { ["renewalDate"] = renewal }));
        }

        return [.. events];
    }

    private static double NpsScore(Random random) => random.Next(20) switch
    {
        < 3 => random.Next(0, 7),  // detractors ~15 %
        < 10 => random.Next(7, 9), // passives ~35 %
        _ => random.Next(9, 11),   // promoters ~50 %
    };
}
