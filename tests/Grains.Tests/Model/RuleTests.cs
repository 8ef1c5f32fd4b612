using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class RuleTests
{
    private static readonly DateTimeOffset T0 = ModelFixture.T0;

    [Theory]
    [InlineData(Channel.Chat, 1)]
    [InlineData(Channel.Social, 1)]
    [InlineData(Channel.Email, 24)]
    [InlineData(Channel.Phone, 24)]
    [InlineData(Channel.Web, 24)]
    public void Awaiting_reply_waits_for_the_channels_reply_window(Channel channel, int hours)
    {
        var fixture = new ModelFixture();
        var window = TimeSpan.FromHours(hours);
        var before = fixture.Apply(T0 + window - TimeSpan.FromTicks(1), Inbound("c-1", "e-1", T0, channel));
        Assert.Null(fixture.Live(RuleId.AwaitingReply));
        Assert.Equal(T0 + window, before.NextDeadline);
        Assert.Equal("awaiting-reply", before.NextDeadlineReason);

        fixture.Model.Evaluate(T0 + window, "deadline");
        var task = fixture.Live(RuleId.AwaitingReply)!;
        Assert.Equal(3, task.Priority);
        Assert.Equal(T0 + window, task.CreatedAt);
        Assert.Equal(T0 + window + TimeSpan.FromHours(1), task.DueAt);
    }

    [Fact]
    public void Awaiting_reply_priority_rises_with_public_reach_and_each_further_contact()
    {
        var fixture = new ModelFixture();
        fixture.Apply(T0.AddHours(1), Inbound("c-1", "e-1", T0, Channel.Chat));
        Assert.Equal(3, fixture.Live(RuleId.AwaitingReply)!.Priority);

        fixture.Apply(T0.AddHours(2), Inbound("c-1", "e-2", T0.AddHours(1.5), Channel.Email));
        Assert.Equal(2, fixture.Live(RuleId.AwaitingReply)!.Priority);
        Assert.Equal(["e-1", "e-2"], fixture.Live(RuleId.AwaitingReply)!.Evidence);

        var loud = new ModelFixture();
        loud.Apply(T0.AddHours(1), Inbound("c-1", "e-1", T0, Channel.Social, isPublic: true, reach: 5_000, sentiment: 0.1));
        Assert.Equal(1, loud.Live(RuleId.AwaitingReply)!.Priority);
    }

    [Fact]
    public void A_chat_message_after_many_unanswered_emails_is_due_a_reply_within_the_chat_window()
    {
        var fixture = new ModelFixture();
        TouchpointEvent[] emails = [.. Enumerable.Range(0, 12).Select(i => Inbound("c-1", $"m-{i}", T0.AddMinutes(i), Channel.Email))];
        var chat = Inbound("c-1", "chat-1", T0.AddHours(1), Channel.Chat);

        fixture.Apply(T0.AddHours(3), [.. emails, chat]);

        var task = fixture.Live(RuleId.AwaitingReply);
        Assert.NotNull(task);
        Assert.Equal(T0.AddHours(2), task.CreatedAt);
        Assert.Equal("Reply to the customer (chat)", task.Title);
        Assert.StartsWith("13 contact(s) unanswered since ", task.Reason);
        // The contact that decided the deadline first, then the earliest others, eight in all.
        Assert.Equal(["chat-1", "m-0", "m-1", "m-2", "m-3", "m-4", "m-5", "m-6"], task.Evidence);
    }

    [Fact]
    public void A_public_complaint_of_many_mentions_cites_the_first_eight_and_counts_them_all()
    {
        var fixture = new ModelFixture();
        TouchpointEvent[] mentions = [.. Enumerable.Range(0, 12).Select(i => Mention("c-1", $"x-{i:D2}", T0.AddMinutes(i), -0.8, 100 * (i + 1)))];

        fixture.Apply(T0.AddHours(2), mentions);

        var task = fixture.Live(RuleId.PublicComplaint);
        Assert.NotNull(task);
        Assert.Equal(T0.AddHours(1), task.CreatedAt);
        Assert.StartsWith("12 public negative mention(s) on social since ", task.Reason);
        Assert.Contains("reach up to 1200", task.Reason);
        Assert.Equal(["x-00", "x-01", "x-02", "x-03", "x-04", "x-05", "x-06", "x-07"], task.Evidence);
    }

    [Fact]
    public void An_outbound_reply_auto_closes_awaiting_reply()
    {
        var fixture = new ModelFixture();
        fixture.Apply(T0.AddHours(2), Inbound("c-1", "e-1", T0, Channel.Chat));
        var changed = fixture.Apply(T0.AddHours(3), Outbound("c-1", "o-1", T0.AddHours(3), Channel.Chat)).ChangedTasks;

        var closed = Assert.Single(changed);
        Assert.Equal(TaskState.AutoClosed, closed.State);
        Assert.Equal("reply o-1 sent", closed.Resolution);
        Assert.Null(fixture.Live(RuleId.AwaitingReply));
    }

    public static TheoryData<RuleId> ConversationRules => new() { RuleId.AwaitingReply, RuleId.PublicComplaint };

    [Theory]
    [MemberData(nameof(ConversationRules))]
    public void A_conversation_task_marked_done_handles_its_contacts_and_the_next_contact_raises_a_new_task(RuleId rule)
    {
        // Done means the CSM answered (by a call the engine does not hear): no reply event ever comes.
        TouchpointEvent Contact(string id, DateTimeOffset at) =>
            rule == RuleId.AwaitingReply ? Inbound("c-1", id, at, Channel.Chat) : Mention("c-1", id, at, -0.8, 500);
        var fixture = new ModelFixture();
        fixture.Apply(T0.AddHours(2), Contact("k-1", T0), Contact("k-2", T0.AddMinutes(30)));
        var task = fixture.Live(rule)!;

        var doneAt = T0.AddHours(3);
        fixture.Model.CompleteTask(task.Id, "called the customer", null, doneAt);
        fixture.Model.Evaluate(doneAt, "done");
        Assert.Null(fixture.Live(rule));

        // Reported late: a contact from before the newest one the call answered was answered with it;
        // one after it, though before the call, is one the CSM could not have seen.
        var late = fixture.Apply(doneAt.AddMinutes(30), Contact("k-late", T0.AddMinutes(20)), Contact("k-3", doneAt.AddMinutes(-10)));
        Assert.Null(fixture.Live(rule));
        Assert.Equal(doneAt.AddMinutes(50), late.NextDeadline);
        fixture.Model.Evaluate(doneAt.AddMinutes(50), "deadline");
        var again = fixture.Live(rule)!;
        Assert.NotEqual(task.Id, again.Id);
        Assert.Equal(["k-3"], again.Evidence);
        Assert.Equal(doneAt.AddMinutes(50), again.CreatedAt);
    }

    [Fact]
    public void Marking_an_awaiting_reply_task_done_leaves_an_unanswered_public_complaint_open()
    {
        var fixture = new ModelFixture();
        fixture.Apply(T0.AddHours(2), Inbound("c-1", "e-1", T0, Channel.Chat), Mention("c-1", "m-1", T0.AddMinutes(5), -0.8, 500));
        var reply = fixture.Live(RuleId.AwaitingReply)!;

        fixture.Model.CompleteTask(reply.Id, "answered the chat", null, T0.AddHours(2));
        fixture.Model.Evaluate(T0.AddHours(2), "done");

        Assert.Null(fixture.Live(RuleId.AwaitingReply));
        Assert.Equal(["m-1"], fixture.Live(RuleId.PublicComplaint)!.Evidence);
    }

    [Fact]
    public void A_detractor_task_is_left_as_it_is_while_its_answer_stays_the_worst_and_rewritten_for_a_newer_one()
    {
        var fixture = new ModelFixture();
        fixture.Apply(T0.AddHours(1), Survey("c-1", "s-1", T0, TouchpointType.SurveyNps, 3));
        var first = fixture.Live(RuleId.Detractor)!;

        // Other events: the same answer is still the worst one, so the task is the same task.
        fixture.Apply(T0.AddHours(2), Usage("c-1", "u-1", T0.AddHours(1)));
        Assert.Same(first, fixture.Live(RuleId.Detractor));

        // A newer negative answer is new evidence: the task takes its words and its id.
        fixture.Apply(T0.AddHours(4), Survey("c-1", "s-2", T0.AddHours(3), TouchpointType.SurveyCsat, 1));
        var second = fixture.Live(RuleId.Detractor)!;
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(["s-2"], second.Evidence);
        Assert.StartsWith("CSAT 1 on ", second.Reason);
        Assert.Equal(T0.AddHours(4), second.UpdatedAt);
    }

    [Fact]
    public void A_health_drop_findings_stamp_changes_exactly_when_the_words_under_its_key_change()
    {
        // The task book skips describing a live health-drop task whose finding carries the stamp its
        // words were written from: equal stamps under one key must mean equal words, and the stamp of
        // the wordless evaluation must be the described one's.
        var fixture = new ModelFixture();
        fixture.Apply(T0, Survey("c-1", "s-0", T0, TouchpointType.SurveyNps, 9), Purchase("c-1", "p-0", T0));
        var seen = new List<(string Key, long Stamp, string Reason, string Evidence)>();
        var verdicts = new RuleVerdict[RuleNames.Count];
        var scores = new[] { 5, 3, 6, 2, 4, 1, 0, 7, 2 };
        for (var i = 0; i < scores.Length; i++)
        {
            var at = T0.AddHours(6 * (i + 1));
            fixture.ApplyBecause($"answer {i}", at, Survey("c-1", $"s-{i + 1}", at, TouchpointType.SurveyNps, scores[i]));
            var state = fixture.State;
            RuleEvaluator.Evaluate(state, state.Health.Score, state.Health.Band, at, RuleSettings.Default, verdicts);
            var described = RuleEvaluator.Describe(RuleId.HealthDrop, state, state.Health.Score, state.Health.Band, at, RuleSettings.Default);
            if (verdicts[(int)RuleId.HealthDrop].Raise is not { } finding)
            {
                continue;
            }

            var words = described.Raise!.Value;
            Assert.NotEqual(0, finding.Stamp);
            Assert.Equal(finding.Stamp, words.Stamp);
            seen.Add((finding.Key, finding.Stamp, words.Reason!, string.Join("|", words.Evidence!)));
        }

        Assert.True(seen.Count >= 5, $"only {seen.Count} health-drop findings");
        Assert.Contains(seen, a => seen.Any(b => a.Key == b.Key && a.Reason != b.Reason));
        foreach (var a in seen)
        {
            foreach (var b in seen.Where(b => b.Key == a.Key))
            {
                Assert.Equal(a.Reason == b.Reason && a.Evidence == b.Evidence, a.Stamp == b.Stamp);
            }
        }
    }

    [Fact]
    public void Health_drop_fires_when_health_falls_15_points_within_7_days()
    {
        var fixture = new ModelFixture();
        fixture.Apply(T0, Survey("c-1", "s-1", T0, TouchpointType.SurveyNps, 9), Purchase("c-1", "p-1", T0));
        Assert.Equal(94, fixture.State.Health.Score);

        fixture.Apply(T0.AddDays(2), Survey("c-1", "s-2", T0.AddDays(2), TouchpointType.SurveyNps, 5));
        var task = fixture.Live(RuleId.HealthDrop)!;
        Assert.Equal(72, fixture.State.Health.Score); // still healthy: only the fall counts
        Assert.Equal(2, task.Priority);
        Assert.Equal(T0.AddDays(2), task.CreatedAt);
        Assert.Equal(T0.AddDays(4), task.DueAt);
        Assert.Contains("from 94 to 72", task.Reason);
    }

    [Fact]
    public void A_health_drop_task_keeps_its_evidence_while_health_recovers_a_little_and_takes_a_deeper_fall_as_new_evidence()
    {
        var fixture = new ModelFixture();
        fixture.Apply(T0, Survey("c-1", "s-1", T0, TouchpointType.SurveyNps, 9), Purchase("c-1", "p-1", T0));
        fixture.ApplyBecause("NPS 5", T0.AddDays(2), Survey("c-1", "s-2", T0.AddDays(2), TouchpointType.SurveyNps, 5));
        var opened = fixture.Live(RuleId.HealthDrop)!;
        Assert.Equal(72, fixture.State.Health.Score);
        Assert.Equal(["NPS 5"], opened.Evidence);

        // A small recovery: still 15+ points below the peak, nothing new to tell the CSM.
        fixture.ApplyBecause("NPS 6", T0.AddDays(3), Survey("c-1", "s-3", T0.AddDays(3), TouchpointType.SurveyNps, 6));
        Assert.InRange(fixture.State.Health.Score!.Value, 73, 79);
        Assert.Same(opened, fixture.Live(RuleId.HealthDrop));

        // A deeper fall is new evidence: the task now points at it.
        fixture.ApplyBecause("NPS 2", T0.AddDays(4), Survey("c-1", "s-4", T0.AddDays(4), TouchpointType.SurveyNps, 2));
        var updated = fixture.Live(RuleId.HealthDrop)!;
        Assert.True(fixture.State.Health.Score < 72);
        Assert.Equal(opened.Id, updated.Id);
        Assert.Equal(["NPS 2"], updated.Evidence);
        Assert.Contains($"from 94 to {fixture.State.Health.Score}", updated.Reason);
        Assert.Equal(T0.AddDays(4), updated.UpdatedAt);
    }

    [Fact]
    public void A_promoter_task_is_not_rewritten_while_the_customer_stays_healthy_and_its_score_moves()
    {
        var fixture = new ModelFixture();
        fixture.Apply(T0, Survey("c-1", "s-1", T0, TouchpointType.SurveyNps, 10), Purchase("c-1", "p-1", T0));
        var promoter = fixture.Live(RuleId.Promoter)!;
        var score = fixture.State.Health.Score;

        fixture.Apply(T0.AddDays(1), Survey("c-1", "s-2", T0.AddDays(1), TouchpointType.SurveyCsat, 4));
        Assert.NotEqual(score, fixture.State.Health.Score);
        Assert.Equal(HealthBand.Healthy, fixture.State.Health.Band);
        Assert.Same(promoter, fixture.Live(RuleId.Promoter));
    }

    [Fact]
    public void A_fall_of_less_than_15_points_raises_no_health_drop()
    {
        var fixture = new ModelFixture();
        fixture.Apply(T0, Survey("c-1", "s-1", T0, TouchpointType.SurveyNps, 9));
        fixture.Apply(T0.AddDays(1), Survey("c-1", "s-2", T0.AddDays(1), TouchpointType.SurveyNps, 8));
        Assert.Null(fixture.Live(RuleId.HealthDrop));
    }

    [Fact]
    public void Entering_at_risk_raises_health_drop_with_priority_one()
    {
        var fixture = new ModelFixture(new RuleSettings { HealthDropPoints = 101 });
        fixture.Apply(T0, Survey("c-1", "s-1", T0, TouchpointType.SurveyNps, 5));
        fixture.Apply(T0.AddDays(1), Survey("c-1", "s-2", T0.AddDays(1), TouchpointType.SurveyNps, 3));

        Assert.Equal(HealthBand.AtRisk, fixture.State.Health.Band);
        var task = fixture.Live(RuleId.HealthDrop)!;
        Assert.Equal(1, task.Priority);
        Assert.Equal(T0.AddDays(1), task.CreatedAt);
    }

    [Fact]
    public void A_failed_payment_raises_a_task_due_in_a_day_and_a_later_purchase_closes_it()
    {
        var fixture = new ModelFixture();
        fixture.Apply(T0, PaymentFailed("c-1", "p-1", T0, 250));
        var task = fixture.Live(RuleId.PaymentFailed)!;
        Assert.Equal(2, task.Priority);
        Assert.Equal(T0.AddDays(1), task.DueAt);
        Assert.Equal(["p-1"], task.Evidence);
        Assert.Contains("250.00", task.Reason);

        // A purchase before the failure does not settle it.
        fixture.Apply(T0.AddHours(1), Purchase("c-1", "b-0", T0.AddHours(-1)));
        Assert.NotNull(fixture.Live(RuleId.PaymentFailed));

        var closed = Assert.Single(fixture.Apply(T0.AddHours(2), Purchase("c-1", "b-1", T0.AddHours(2))).ChangedTasks, t => t.Rule == RuleId.PaymentFailed);
        Assert.Equal(TaskState.AutoClosed, closed.State);
        Assert.Equal("payment b-1 received", closed.Resolution);
    }

    [Theory]
    [InlineData(TouchpointType.SurveyCsat, 2, true)]
    [InlineData(TouchpointType.SurveyCsat, 3, false)]
    [InlineData(TouchpointType.SurveyCes, 5, true)]
    [InlineData(TouchpointType.SurveyCes, 4, false)]
    [InlineData(TouchpointType.SurveyNps, 6, true)]
    [InlineData(TouchpointType.SurveyNps, 7, false)]
    public void Detractor_fires_for_nps_at_most_6_csat_at_most_2_and_ces_at_least_5(TouchpointType type, double score, bool fires)
    {
        var fixture = new ModelFixture();
        fixture.Apply(T0, Survey("c-1", "s-1", T0, type, score));
        Assert.Equal(fires, fixture.Live(RuleId.Detractor) is not null);
    }

    [Fact]
    public void Duplicate_event_ids_are_ignored()
    {
        var fixture = new ModelFixture();
        Assert.True(fixture.Model.Apply(Inbound("c-1", "e-1", T0, Channel.Email, "I-1")));
        Assert.False(fixture.Model.Apply(Inbound("c-1", "e-1", T0, Channel.Email, "I-1")));
        Assert.Single(fixture.State.Timeline);
        Assert.Equal(1, fixture.State.Issues.Single().Contacts);
    }

    [Fact]
    public void Thresholds_come_from_the_settings()
    {
        var fixture = new ModelFixture(new RuleSettings { EffortContacts = 3, EffortChannels = 3 });
        fixture.Apply(T0.AddHours(2), Inbound("c-1", "e-1", T0, Channel.Email, "I-1"), Inbound("c-1", "e-2", T0.AddHours(1), Channel.Phone, "I-1"));
        Assert.Null(fixture.Live(RuleId.UnresolvedEffort));

        fixture.Apply(T0.AddHours(3), Inbound("c-1", "e-3", T0.AddHours(3), Channel.Email, "I-1"));
        var task = fixture.Live(RuleId.UnresolvedEffort)!;
        Assert.Equal(2, task.Priority);
        Assert.Equal(T0.AddHours(3), task.CreatedAt);
    }

    [Fact]
    public void Task_ids_are_customer_rule_and_sequence_so_a_replay_creates_the_same_ids()
    {
        static string[] Replay()
        {
            var fixture = new ModelFixture();
            fixture.Apply(T0, PaymentFailed("c-1", "p-1", T0));
            fixture.Apply(T0.AddHours(1), Purchase("c-1", "b-1", T0.AddHours(1)));
            fixture.Apply(T0.AddHours(2), PaymentFailed("c-1", "p-2", T0.AddHours(2)));
            return [.. fixture.Model.Tasks().Where(t => t.Rule == RuleId.PaymentFailed).Select(t => t.Id)];
        }

        Assert.Equal(["c-1:payment-failed:2", "c-1:payment-failed:1"], Replay());
        Assert.Equal(Replay(), Replay());
    }

    [Fact]
    public void Gone_quiet_needs_five_past_interactions_and_never_fires_before_seven_days()
    {
        var few = new ModelFixture();
        few.Apply(T0, [.. Enumerable.Range(0, 4).Select(i => Usage("c-1", $"u-{i}", T0.AddDays(-i)))]);
        Assert.NotEqual("gone-quiet", few.Model.Evaluate(T0, "x").NextDeadlineReason);
        few.Model.Evaluate(T0.AddDays(30), "later");
        Assert.Null(few.Live(RuleId.GoneQuiet));

        var daily = new ModelFixture();
        var evaluation = daily.Apply(T0, [.. Content("c-1", T0.AddDays(-10)), .. Enumerable.Range(0, 10).Select(i => Usage("c-1", $"u-{i}", T0.AddDays(-i)))]);
        Assert.Equal(T0.AddDays(7), evaluation.NextDeadline); // 3 x 1 day is below the 7-day floor
        daily.Model.Evaluate(T0.AddDays(7), "deadline");
        Assert.Equal(T0.AddDays(7), daily.Live(RuleId.GoneQuiet)!.CreatedAt);
    }

    [Fact]
    public void A_live_effort_task_stored_with_the_key_of_one_of_its_issues_covers_them_all_when_marked_done()
    {
        // Before done marks named every issue of a task, a task over issues A and B was keyed "A" alone.
        var fixture = new ModelFixture();
        fixture.Apply(T0.AddHours(1),
            Inbound("c-1", "a-1", T0, Channel.Email, "A"), Inbound("c-1", "a-2", T0.AddMinutes(5), Channel.Phone, "A"),
            Inbound("c-1", "b-1", T0.AddMinutes(10), Channel.Email, "B"), Inbound("c-1", "b-2", T0.AddMinutes(15), Channel.Chat, "B"));
        var task = fixture.Live(RuleId.UnresolvedEffort)!;
        fixture.State.Tasks.LiveKeys[(int)RuleId.UnresolvedEffort] = "A";

        fixture.Apply(T0.AddHours(2));
        fixture.Model.CompleteTask(task.Id, "called about both", null, T0.AddHours(2));
        fixture.Apply(T0.AddHours(3), Inbound("c-1", "b-3", T0.AddHours(3), Channel.Email, "B"));

        Assert.Null(fixture.Live(RuleId.UnresolvedEffort));
    }
}

