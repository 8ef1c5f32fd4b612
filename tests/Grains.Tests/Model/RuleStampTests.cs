using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Model;

/// <summary>
/// A live task is described again only when its rule's stamp changes (see TaskBook), so for every rule
/// whatever changes a task's words under the same key must change the stamp, and the stamp the
/// text-free evaluation gives must be the one the described finding carries.
/// </summary>
public sealed class RuleStampTests
{
    private static readonly DateTimeOffset T0 = ModelFixture.T0;

    private sealed record Words(long Stamp, string Key, string Text);

    private static Words Read(CustomerState state, RuleId rule, DateTimeOffset now, HealthBand? band = null)
    {
        var score = state.Health.Score;
        band ??= state.Health.Band;
        var verdicts = new RuleVerdict[RuleNames.Count];
        RuleEvaluator.Evaluate(state, score, band, now, RuleSettings.Default, verdicts);
        var raised = verdicts[(int)rule].Raise ?? throw new InvalidOperationException($"{rule} does not hold at {now:u}.");
        var described = RuleEvaluator.Describe(rule, state, score, band, now, RuleSettings.Default).Raise!.Value;
        Assert.NotEqual(0, raised.Stamp);
        Assert.Equal(raised.Stamp, described.Stamp);
        Assert.Equal(raised.Key, described.Key);
        return new Words(raised.Stamp, raised.Key, $"{described.Title}|{described.Reason}|{string.Join(',', described.Evidence!)}|{described.SuggestedAction}");
    }

    private static void AssertNewWordsNewStamp(Words before, Words after)
    {
        Assert.Equal(before.Key, after.Key);
        Assert.NotEqual(before.Text, after.Text);
        Assert.NotEqual(before.Stamp, after.Stamp);
    }

    [Fact]
    public void Awaiting_reply_a_further_contact_under_the_same_first_contact()
    {
        var fixture = new ModelFixture();
        fixture.Apply(T0.AddHours(2), Inbound("c-1", "e-1", T0, Channel.Chat));
        var before = Read(fixture.State, RuleId.AwaitingReply, T0.AddHours(2));

        fixture.Apply(T0.AddHours(2), Inbound("c-1", "e-2", T0.AddMinutes(90), Channel.Chat, isPublic: true, reach: 500));

        AssertNewWordsNewStamp(before, Read(fixture.State, RuleId.AwaitingReply, T0.AddHours(2)));
    }

    [Fact]
    public void Unresolved_effort_a_third_contact_and_its_wait_on_the_same_issue()
    {
        var fixture = new ModelFixture();
        var at = T0.AddDays(2);
        fixture.Apply(at, Inbound("c-1", "e-1", T0, Channel.Email, "B-1"), Inbound("c-1", "e-2", at, Channel.Phone, "B-1"));
        var before = Read(fixture.State, RuleId.UnresolvedEffort, at);

        fixture.Apply(at.AddHours(1), Inbound("c-1", "e-3", at.AddHours(1), Channel.Phone, "B-1", wait: 900));

        AssertNewWordsNewStamp(before, Read(fixture.State, RuleId.UnresolvedEffort, at.AddHours(1)));
    }

    [Fact]
    public void Public_complaint_a_further_mention_under_the_same_first_mention()
    {
        var fixture = new ModelFixture();
        fixture.Apply(T0.AddHours(1), Mention("c-1", "m-1", T0, -0.8, 40));
        var before = Read(fixture.State, RuleId.PublicComplaint, T0.AddHours(1));

        fixture.Apply(T0.AddHours(1), Mention("c-1", "m-2", T0.AddMinutes(50), -0.4, 90));

        AssertNewWordsNewStamp(before, Read(fixture.State, RuleId.PublicComplaint, T0.AddHours(1)));
    }

    [Fact]
    public void Usage_drop_a_new_day_without_usage()
    {
        var fixture = new ModelFixture();
        var today = new DateTimeOffset(T0.UtcDateTime.Date, TimeSpan.Zero);
        var events = new List<TouchpointEvent>();
        for (var week = 0; week < 4; week++)
        {
            for (var session = 0; session < 10; session++)
            {
                events.Add(Usage("c-1", $"u-{week}-{session}", today.AddDays(-34 + week * 7 + session % 5).AddHours(8 + session / 5)));
            }
        }

        events.Add(Usage("c-1", "u-last-1", today.AddDays(-6).AddHours(8)));
        events.Add(Usage("c-1", "u-last-2", today.AddDays(-4).AddHours(8)));
        events.Add(Usage("c-1", "u-last-3", today.AddDays(-2).AddHours(8)));
        fixture.Apply(T0, [.. events]);
        var before = Read(fixture.State, RuleId.UsageDrop, T0);

        AssertNewWordsNewStamp(before, Read(fixture.State, RuleId.UsageDrop, T0.AddDays(1)));
    }

    [Fact]
    public void Renewal_risk_a_new_band_and_a_new_band_start_before_the_same_renewal()
    {
        var state = new CustomerState();
        state.Commercial.RenewalDate = T0.AddDays(40);
        state.Health.Score = 55;
        state.Health.Band = HealthBand.Watch;
        state.Health.BandSince = T0.AddDays(-3);
        var before = Read(state, RuleId.RenewalRisk, T0);

        state.Health.Score = 30;
        state.Health.Band = HealthBand.AtRisk;
        AssertNewWordsNewStamp(before, Read(state, RuleId.RenewalRisk, T0));

        var atRisk = Read(state, RuleId.RenewalRisk, T0);
        state.Health.BandSince = T0;
        AssertNewWordsNewStamp(atRisk, Read(state, RuleId.RenewalRisk, T0));
    }

    [Fact]
    public void Gone_quiet_keeps_its_words_and_stamp_while_the_customer_stays_quiet()
    {
        // The other direction: an equal stamp must mean equal words, or a task would be rewritten
        // with the same words on every evaluation.
        var fixture = new ModelFixture();
        var events = Enumerable.Range(0, 30).Select(i => Usage("c-1", $"u-{i}", T0.AddDays(2 * i))).ToArray();
        var last = events[^1].OccurredAt;
        fixture.Apply(last, events);

        var first = Read(fixture.State, RuleId.GoneQuiet, last.AddDays(8));
        var later = Read(fixture.State, RuleId.GoneQuiet, last.AddDays(20));

        Assert.Equal(first, later);
    }
}
