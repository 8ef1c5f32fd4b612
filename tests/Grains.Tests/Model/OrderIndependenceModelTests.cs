using System.Text.Json;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class OrderIndependenceModelTests
{
    private static readonly DateTimeOffset T0 = ModelFixture.T0;

    private static TouchpointEvent[] History() =>
    [
        Inbound("c-1", "e-1", T0, Channel.Email, "B-1", sentiment: -0.3, wait: 300),
        Outbound("c-1", "o-1", T0.AddHours(3), Channel.Email, "B-1"),
        Inbound("c-1", "e-2", T0.AddHours(20), Channel.Phone, "B-1", wait: 900),
        Inbound("c-1", "e-3", T0.AddHours(22), Channel.Chat, "B-1"),
        new("r-1", "c-1", TouchpointType.IssueResolved, T0.AddDays(1), Channel.Other, "B-1"),
        new("ro-1", "c-1", TouchpointType.IssueReopened, T0.AddDays(2), Channel.Other, "B-1"),
        Inbound("c-1", "e-4", T0.AddDays(2).AddHours(1), Channel.Email, "X-9"),
        Mention("c-1", "m-1", T0.AddDays(2).AddHours(2), -0.7, 3_000),
        Survey("c-1", "s-1", T0.AddDays(1), TouchpointType.SurveyNps, 9),
        Survey("c-1", "s-2", T0.AddDays(2), TouchpointType.SurveyNps, 4),
        Survey("c-1", "s-3", T0.AddDays(2), TouchpointType.SurveyCes, 6),
        PaymentFailed("c-1", "p-1", T0.AddDays(1)),
        Purchase("c-1", "b-1", T0.AddHours(12)),
        .. Enumerable.Range(0, 30).Select(i => Usage("c-1", $"u-{i}", T0.AddDays(-40 + i * 1.3))),
        // More sentiment readings than a state keeps, two at each instant, and the cap falls between the
        // two of a pair: which ones stay, and in what order, must not depend on the order they came in.
        .. Enumerable.Range(0, 13).Select(i => Mention("c-1", $"f-{12 - i}", T0.AddDays(-20 + i / 2), 0.1 * i - 0.6, 10, isPublic: false)),
    ];

    // Everything derived from events, and the live tasks. Left out, because they record what was seen
    // when: the duplicate ring's slot order; health-drop (the score path as observed); closed tasks and
    // sequence numbers (a batch holding only NPS 9 raises a promoter task that the later NPS 4 closes).
    private static string Derived(ModelFixture fixture)
    {
        var s = fixture.State;
        return JsonSerializer.Serialize(new
        {
            s.Timeline, s.Issues, s.Conversation, s.Surveys, s.Rhythm, s.Usage, s.Commercial,
            Health = fixture.Model.Health(), Tasks = fixture.Model.Tasks().Where(t => t.IsLive && t.Rule != Interfaces.Tasks.RuleId.HealthDrop).Select(t => t with { Id = "", UpdatedAt = default }),
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Any_delivery_order_in_any_batches_gives_the_same_derived_state_and_live_tasks(int seed)
    {
        var now = T0.AddDays(3);
        var inOrder = new ModelFixture();
        inOrder.Apply(now, [.. History().OrderBy(e => e.OccurredAt)]);

        var random = new Random(seed);
        var shuffled = History().OrderBy(_ => random.Next()).ToArray();
        var batched = new ModelFixture();
        for (var i = 0; i < shuffled.Length; i += 1 + seed)
        {
            batched.Apply(now, shuffled[i..Math.Min(shuffled.Length, i + 1 + seed)]);
        }

        Assert.Equal(Derived(inOrder), Derived(batched));
    }

    [Fact]
    public void A_contact_after_a_late_reply_still_awaits_one_when_many_came_before_the_reply()
    {
        // Ten chat messages, a reply, one more message; the helpdesk reports its reply after the message.
        TouchpointEvent[] before = [.. Enumerable.Range(0, 10).Select(i => Inbound("c-1", $"c-{i}", T0.AddMinutes(i), Channel.Chat))];
        var reply = Outbound("c-1", "o-1", T0.AddMinutes(15), Channel.Chat);
        var after = Inbound("c-1", "c-after", T0.AddMinutes(20), Channel.Chat);
        var now = T0.AddHours(2);

        var inOrder = new ModelFixture();
        inOrder.Apply(now, [.. before, reply, after]);
        var lateReply = new ModelFixture();
        lateReply.Apply(now, [.. before, after, reply]);

        foreach (var fixture in new[] { inOrder, lateReply })
        {
            var task = fixture.Live(Interfaces.Tasks.RuleId.AwaitingReply);
            Assert.NotNull(task);
            Assert.Equal(["c-after"], task.Evidence);
            Assert.Equal(T0.AddMinutes(80), task.CreatedAt);
        }

        Assert.Equal(Derived(inOrder), Derived(lateReply));
    }

    [Fact]
    public void A_public_complaint_task_whose_mention_a_late_reply_answered_closes_though_a_newer_mention_waits()
    {
        var first = Mention("c-1", "m-a", T0, -0.8, 12_000);
        var reply = Outbound("c-1", "o-1", T0.AddMinutes(90), Channel.Social);
        var next = Mention("c-1", "m-b", T0.AddMinutes(100), -0.8, 12_000);

        var fixture = new ModelFixture();
        fixture.Apply(T0.AddHours(1), first);
        Assert.NotNull(fixture.Live(Interfaces.Tasks.RuleId.PublicComplaint));
        fixture.Apply(T0.AddMinutes(100), next);
        fixture.Apply(T0.AddMinutes(105), reply);

        Assert.Null(fixture.Live(Interfaces.Tasks.RuleId.PublicComplaint));
        fixture.Apply(T0.AddMinutes(160));
        var task = fixture.Live(Interfaces.Tasks.RuleId.PublicComplaint);
        Assert.NotNull(task);
        Assert.Equal(["m-b"], task.Evidence);
        Assert.Equal(T0.AddMinutes(160), task.CreatedAt);
    }

    [Theory]
    [InlineData(105)] // before the newer message is overdue (its window closes at 160)
    [InlineData(200)] // after
    public void A_task_whose_contact_a_late_reply_answered_closes_and_the_newer_contact_gets_its_own(int reportedAfterMinutes)
    {
        // A chat message at 9:00 is overdue at 10:00. The helpdesk replies at 10:30 and a new message
        // comes at 10:40, but the reply is reported after the message.
        var first = Inbound("c-1", "c-a", T0, Channel.Chat);
        var reply = Outbound("c-1", "o-1", T0.AddMinutes(90), Channel.Chat);
        var next = Inbound("c-1", "c-b", T0.AddMinutes(100), Channel.Chat);

        var inOrder = new ModelFixture();
        inOrder.Apply(T0.AddHours(1), first);
        inOrder.Apply(T0.AddMinutes(90), reply);
        inOrder.Apply(T0.AddMinutes(100), next);
        var lateReply = new ModelFixture();
        lateReply.Apply(T0.AddHours(1), first);
        lateReply.Apply(T0.AddMinutes(100), next);
        lateReply.Apply(T0.AddMinutes(reportedAfterMinutes), reply);
        if (reportedAfterMinutes < 160)
        {
            Assert.Null(lateReply.Live(Interfaces.Tasks.RuleId.AwaitingReply));
        }

        foreach (var fixture in new[] { inOrder, lateReply })
        {
            fixture.Apply(T0.AddMinutes(Math.Max(160, reportedAfterMinutes)));
            var closed = Assert.Single(fixture.State.Tasks.Closed, t => t.Rule == Interfaces.Tasks.RuleId.AwaitingReply);
            Assert.Equal((Interfaces.Tasks.TaskState.AutoClosed, "reply o-1 sent"), (closed.State, closed.Resolution));

            // The newer message's task opens when its window closes, not with the answered one's times.
            var task = fixture.Live(Interfaces.Tasks.RuleId.AwaitingReply);
            Assert.NotNull(task);
            Assert.Equal(["c-b"], task.Evidence);
            Assert.Equal((T0.AddMinutes(160), T0.AddMinutes(220)), (task.CreatedAt, task.DueAt));
        }

        Assert.Equal(Derived(inOrder), Derived(lateReply));
    }
}
