using CustomerSuccess.Actors.Testing;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Portfolio;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class PortfolioFiguresTests
{
    private static readonly DateTimeOffset Now = ModelFixture.T0;

    // The portfolio grain's windows: entered at risk in 7 days, NPS answers of a year, tasks done and customers lost in 30 days.
    private static readonly PortfolioWindows Windows = new(Now.AddDays(-7), Now.AddDays(-365), Now.AddDays(-30), Now.AddDays(-30));

    private static PortfolioEntry Entry(string id, string segment, string owner, HealthBand? band, decimal value, int? nps, DateTimeOffset? enteredAtRisk = null, RuleId? task = null)
    {
        var tasks = new int[RuleNames.Count];
        if (task is { } rule)
        {
            tasks[(int)rule] = 1;
        }

        return new PortfolioEntry(id, segment, owner, band, value, nps, enteredAtRisk, tasks);
    }

    private static readonly PortfolioEntry[] Entries =
    [
        Entry("a", "smb", "csm-1", HealthBand.Healthy, 1_000, 10, task: RuleId.Promoter),
        Entry("b", "smb", "csm-2", HealthBand.Watch, 2_000, 8),
        Entry("c", "enterprise", "csm-1", HealthBand.AtRisk, 50_000, 3, Now.AddDays(-2), RuleId.HealthDrop),
        Entry("d", "enterprise", "csm-2", HealthBand.AtRisk, 30_000, null, Now.AddDays(-20), RuleId.Detractor),
        Entry("e", "smb", "csm-1", null, 500, 6),
    ];

    private static PortfolioSnapshot Snapshot(string? segment = null, string? owner = null)
    {
        // Two partitions, to prove the figures add up.
        var partials = new[]
        {
            PortfolioFiguresCalculator.Figures(Entries[..2], segment, owner, Windows),
            PortfolioFiguresCalculator.Figures(Entries[2..], segment, owner, Windows),
        };
        return PortfolioFiguresCalculator.Sum(partials, segment, owner, Now);
    }

    [Fact]
    public void The_snapshot_counts_bands_value_at_risk_nps_entered_at_risk_and_tasks_by_rule()
    {
        var snapshot = Snapshot();
        Assert.Equal(5, snapshot.Customers);
        Assert.Equal(1, snapshot.CustomersByBand[HealthBand.Healthy]);
        Assert.Equal(1, snapshot.CustomersByBand[HealthBand.Watch]);
        Assert.Equal(2, snapshot.CustomersByBand[HealthBand.AtRisk]);
        Assert.Equal(80_000, snapshot.ValueAtRisk);
        Assert.Equal((1, 1, 2), (snapshot.Promoters, snapshot.Passives, snapshot.Detractors));
        Assert.Equal(-25.0, snapshot.Nps); // (1 - 2) / 4
        Assert.Equal(["c"], snapshot.EnteredAtRiskLast7Days);
        Assert.Equal(1, snapshot.OpenTasksByRule[RuleId.Promoter]);
        Assert.Equal(1, snapshot.OpenTasksByRule[RuleId.HealthDrop]);
        Assert.Equal(1, snapshot.OpenTasksByRule[RuleId.Detractor]);
        Assert.Equal(0, snapshot.OpenTasksByRule[RuleId.GoneQuiet]);
    }

    [Fact]
    public void The_snapshot_can_be_cut_by_segment_and_by_owner()
    {
        var smb = Snapshot(segment: "smb");
        Assert.Equal(3, smb.Customers);
        Assert.Equal(0, smb.ValueAtRisk);
        Assert.Equal(-0.0, smb.Nps!.Value, 1); // 1 promoter, 1 passive, 1 detractor

        var csm1 = Snapshot(owner: "csm-1");
        Assert.Equal(3, csm1.Customers);
        Assert.Equal(50_000, csm1.ValueAtRisk);
        Assert.Equal(["c"], csm1.EnteredAtRiskLast7Days);

        var both = Snapshot("enterprise", "csm-2");
        Assert.Equal(1, both.Customers);
        Assert.Equal(30_000, both.ValueAtRisk);
        Assert.Null(both.Nps);
        Assert.Empty(both.EnteredAtRiskLast7Days);
    }

    [Fact]
    public void A_customer_that_cancelled_counts_as_churned_with_its_value_and_its_open_tasks_and_nowhere_else()
    {
        PortfolioEntry[] entries =
        [
            Entries[2],
            Entries[0] with { ChurnedAt = Now.AddDays(-1) },
            Entries[2] with { CustomerId = "f", AnnualValue = 7_000, ChurnedAt = Now.AddDays(-3) },
        ];

        var snapshot = PortfolioFiguresCalculator.Sum([PortfolioFiguresCalculator.Figures(entries, null, null, Windows)], null, null, Now);

        Assert.Equal(3, snapshot.Customers);
        Assert.Equal((2, 8_000m), (snapshot.Churned, snapshot.ValueChurned));
        Assert.Equal((2, 8_000m), (snapshot.ChurnedLast30Days, snapshot.ValueChurnedLast30Days));
        Assert.Equal((0, 0, 1), (snapshot.CustomersByBand[HealthBand.Healthy], snapshot.CustomersByBand[HealthBand.Watch], snapshot.CustomersByBand[HealthBand.AtRisk]));
        Assert.Equal(50_000, snapshot.ValueAtRisk);
        Assert.Equal((0, 0, 1), (snapshot.Promoters, snapshot.Passives, snapshot.Detractors));
        Assert.Equal(["c"], snapshot.EnteredAtRiskLast7Days);
        Assert.Equal(1, snapshot.OpenTasksByRule[RuleId.Promoter]);
        Assert.Equal(2, snapshot.OpenTasksByRule[RuleId.HealthDrop]);
    }

    [Fact]
    public void Customers_lost_in_the_last_30_days_are_counted_apart_from_all_churned_ones()
    {
        PortfolioEntry[] entries =
        [
            Entries[0] with { ChurnedAt = Now.AddDays(-29) },
            Entries[1] with { ChurnedAt = Now.AddDays(-31) },
            Entries[2],
        ];

        var snapshot = PortfolioFiguresCalculator.Sum([PortfolioFiguresCalculator.Figures(entries, null, null, Windows)], null, null, Now);

        Assert.Equal((2, 3_000m), (snapshot.Churned, snapshot.ValueChurned));
        Assert.Equal((1, 1_000m), (snapshot.ChurnedLast30Days, snapshot.ValueChurnedLast30Days));
    }

    [Fact]
    public void An_nps_answer_older_than_the_window_no_longer_counts_and_one_without_a_date_still_does()
    {
        PortfolioEntry[] entries =
        [
            Entries[0] with { LatestNpsAt = Now.AddDays(-364) },
            Entries[1] with { LatestNpsAt = Now.AddDays(-366) },
            Entries[2] with { LatestNpsAt = Now.AddDays(-400) },
            Entries[4],
        ];

        var snapshot = PortfolioFiguresCalculator.Sum([PortfolioFiguresCalculator.Figures(entries, null, null, Windows)], null, null, Now);

        Assert.Equal((1, 0, 1), (snapshot.Promoters, snapshot.Passives, snapshot.Detractors));
        Assert.Equal(0.0, snapshot.Nps);
        Assert.Equal(4, snapshot.Customers);
    }

    // A cluster whose one customer, acme (enterprise, csm-1, 40,000 a year), has answered the NPS.
    private static async Task<InProcessTestCluster> AcmeAnsweredAsync(int nps)
    {
        var cluster = await CustomerSuccessCluster.StartAsync();
        await cluster.Customer("acme").SetProfileAsync(new CustomerProfile("Acme", "enterprise", "csm-1", 40_000));
        await cluster.SendAsync(Survey("acme", "s-1", cluster.Now, TouchpointType.SurveyNps, nps));
        return cluster;
    }

    [Fact]
    public async Task A_customers_nps_stops_counting_a_year_after_its_answer()
    {
        await using var cluster = await AcmeAnsweredAsync(10);
        var portfolio = cluster.GrainFactory.GetGrain<IPortfolioGrain>("all");
        var fresh = await portfolio.GetSnapshotAsync();

        await cluster.AdvanceAsync(TimeSpan.FromDays(366));
        var stale = await portfolio.GetSnapshotAsync();

        Assert.Equal((1, 100.0), (fresh.Promoters, fresh.Nps));
        Assert.Equal((0, (double?)null), (stale.Promoters, stale.Nps));
    }

    [Fact]
    public void Outreach_speed_counts_the_tasks_done_in_the_window_by_hours_to_done_and_on_time()
    {
        OutreachDone Done(double daysAgo, double hours, bool onTime) => new(Now.AddDays(-daysAgo), TimeSpan.FromHours(hours), onTime);
        PortfolioEntry[] first = [Entries[0] with { Outreach = [Done(1, 0.5, true), Done(2, 4, true), Done(31, 1, true)] }];
        PortfolioEntry[] second =
        [
            Entries[1] with { Outreach = [Done(3, 30, false)] },
            Entries[2] with { Outreach = [Done(29, 200, false), Done(5, 1.01, true)], ChurnedAt = Now.AddDays(-1) },
        ];

        var snapshot = PortfolioFiguresCalculator.Sum(
            [PortfolioFiguresCalculator.Figures(first, null, null, Windows), PortfolioFiguresCalculator.Figures(second, null, null, Windows)], null, null, Now);

        var outreach = snapshot.Outreach!;
        Assert.Equal((5, 3), (outreach.Done, outreach.DoneOnTime));
        // Within 1 h, 4 h, 24 h, 72 h, 168 h, longer.
        Assert.Equal([1, 2, 0, 1, 0, 1], outreach.DoneWithinHours);
    }

    [Fact]
    public void A_completed_task_counts_for_the_csm_who_completed_it_after_the_customer_moves_to_another()
    {
        PortfolioEntry[] entries =
        [
            Entries[0] with { OwnerId = "bob", Outreach = [new(Now.AddDays(-2), TimeSpan.FromHours(2), true, "anna"), new(Now.AddDays(-1), TimeSpan.FromHours(30), false, "bob")] },
        ];

        PortfolioSnapshot For(string? owner) => PortfolioFiguresCalculator.Sum([PortfolioFiguresCalculator.Figures(entries, null, owner, Windows)], null, owner, Now);

        Assert.Equal((0, 1, 1), (For("anna").Customers, For("anna").Outreach!.Done, For("anna").Outreach!.DoneOnTime));
        Assert.Equal((1, 1, 0), (For("bob").Customers, For("bob").Outreach!.Done, For("bob").Outreach!.DoneOnTime));
        Assert.Equal(2, For(null).Outreach!.Done);
    }

    [Fact]
    public async Task A_task_a_csm_completes_counts_in_how_fast_outreach_happens()
    {
        await using var cluster = await AcmeAnsweredAsync(3);
        var task = Assert.Single(await cluster.Customer("acme").GetTasksAsync(), t => t.Rule == RuleId.Detractor);
        var portfolio = cluster.GrainFactory.GetGrain<IPortfolioGrain>("all");

        await cluster.AdvanceAsync(TimeSpan.FromHours(3));
        await cluster.Customer("acme").CompleteTaskAsync(task.Id, "called");
        var done = (await portfolio.GetSnapshotAsync()).Outreach!;
        await cluster.AdvanceAsync(TimeSpan.FromDays(31));
        var later = (await portfolio.GetSnapshotAsync()).Outreach!;

        Assert.Equal((1, 1), (done.Done, done.DoneOnTime));
        Assert.Equal([0, 1, 0, 0, 0, 0], done.DoneWithinHours);
        Assert.Equal(0, later.Done);
    }

    [Fact]
    public void The_figures_of_every_scope_in_one_pass_equal_those_of_each_filter_alone()
    {
        // Completed tasks credited to a CSM who no longer owns the customer, and one to nobody.
        PortfolioEntry[] entries =
        [
            .. Entries,
            Entry("f", "", "csm-3", HealthBand.Watch, 1, null) with { Outreach = [new(Now.AddDays(-1), TimeSpan.FromHours(2), true, "csm-4")] },
            Entry("g", "smb", "", HealthBand.Healthy, 1, 9) with { Outreach = [new(Now.AddDays(-2), TimeSpan.FromHours(9), false, "csm-1"), new(Now.AddDays(-3), TimeSpan.FromHours(1), true)] },
            // Completed by a CSM who left long ago: outside the window, no scope of their own.
            Entry("h", "smb", "csm-2", HealthBand.Healthy, 1, null) with { Outreach = [new(Now.AddDays(-90), TimeSpan.FromHours(1), true, "csm-9")] },
        ];

        var scopes = PortfolioFiguresCalculator.FiguresOfEveryScope(entries, Windows);

        PortfolioScope[] expected =
        [
            PortfolioScope.All, new("smb", null), new("enterprise", null),
            new(null, "csm-1"), new(null, "csm-2"), new(null, "csm-3"), new(null, "csm-4"),
            new("smb", "csm-1"), new("smb", "csm-2"), new("enterprise", "csm-1"), new("enterprise", "csm-2"),
        ];
        Assert.Equal(expected.OrderBy(s => s.ToString()), scopes.Keys.OrderBy(s => s.ToString()));
        foreach (var (scope, figures) in scopes)
        {
            var alone = PortfolioFiguresCalculator.Figures(entries, scope.Segment, scope.OwnerId, Windows);
            var both = PortfolioFiguresCalculator.Sum([figures], scope.Segment, scope.OwnerId, Now);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(PortfolioFiguresCalculator.Sum([alone], scope.Segment, scope.OwnerId, Now)),
                System.Text.Json.JsonSerializer.Serialize(both));
        }

        Assert.Equal(8, scopes[PortfolioScope.All].Customers);
        Assert.Equal((0, 1), (scopes[new(null, "csm-4")].Customers, scopes[new(null, "csm-4")].Outreach.Done));
        Assert.Equal((2, 1), (scopes[new("smb", "csm-1")].Customers, scopes[new("smb", "csm-1")].Outreach.Done));
    }

    public static TheoryData<RuleId> ConversationRules => new() { RuleId.AwaitingReply, RuleId.PublicComplaint };

    [Theory]
    [MemberData(nameof(ConversationRules))]
    public void A_conversation_task_a_logged_reply_closes_counts_as_outreach_at_the_replys_time(RuleId rule)
    {
        var fixture = new ModelFixture();
        var contact = rule == RuleId.AwaitingReply ? Inbound("c-1", "k-1", Now, Channel.Chat) : Mention("c-1", "k-1", Now, -0.8, 500);
        fixture.Apply(Now.AddHours(2), contact);
        var task = fixture.Live(rule)!;

        // Reported two hours after it was sent: the outreach happened when it was sent.
        var repliedAt = task.CreatedAt.AddMinutes(20);
        var closed = Assert.Single(fixture.Apply(repliedAt.AddHours(2), Outbound("c-1", "o-1", repliedAt, Channel.Social)).ChangedTasks!);

        Assert.Equal((TaskState.AutoClosed, repliedAt), (closed.State, closed.RepliedAt));
        var done = Assert.Single(fixture.Model.PortfolioEntry().Outreach!);
        // Due an hour after it was raised (both rules' default): 20 minutes is on time.
        Assert.Equal(new OutreachDone(repliedAt, TimeSpan.FromMinutes(20), true, null), done);
        Assert.True(fixture.Model.PortfolioEntryIs(fixture.Model.PortfolioEntry()));
    }

    [Fact]
    public void A_task_is_credited_to_the_reply_that_answered_its_own_contact_however_the_events_are_batched()
    {
        var r1 = Outbound("c-1", "r-1", Now.AddHours(2.1), Channel.Chat);
        var later = Inbound("c-1", "k-2", Now.AddHours(2.2), Channel.Chat);
        var r2 = Outbound("c-1", "r-2", Now.AddHours(2.3), Channel.Chat);
        OutreachTask Closed(params TouchpointEvent[][] batches)
        {
            var fixture = new ModelFixture();
            fixture.Apply(Now.AddHours(2), Inbound("c-1", "k-1", Now, Channel.Chat));
            var at = Now.AddHours(2.5);
            var closed = new List<OutreachTask>();
            foreach (var batch in batches)
            {
                closed.AddRange(fixture.Apply(at, batch).ChangedTasks!.Where(t => t.State == TaskState.AutoClosed));
                at = at.AddMinutes(1);
            }

            return Assert.Single(closed);
        }

        var together = Closed([r1, later, r2]);
        var apart = Closed([r1], [later, r2]);

        Assert.Equal((Now.AddHours(2.1), "reply r-1 sent"), (together.RepliedAt, together.Resolution));
        Assert.Equal((together.RepliedAt, together.Resolution), (apart.RepliedAt, apart.Resolution));
    }

    [Fact]
    public void A_reply_reported_after_its_task_was_raised_but_sent_before_counts_as_outreach_done_at_once()
    {
        var fixture = new ModelFixture();
        fixture.Apply(Now.AddHours(2), Inbound("c-1", "k-1", Now, Channel.Chat));
        var task = fixture.Live(RuleId.AwaitingReply)!;

        fixture.Apply(Now.AddHours(3), Outbound("c-1", "o-1", Now.AddMinutes(40), Channel.Chat));

        var done = Assert.Single(fixture.Model.PortfolioEntry().Outreach!);
        Assert.True(Now.AddMinutes(40) < task.CreatedAt);
        Assert.Equal(new OutreachDone(Now.AddMinutes(40), TimeSpan.Zero, true, null), done);
    }

    [Fact]
    public void A_conversation_task_that_closes_because_a_longer_reply_window_moved_its_deadline_is_not_outreach()
    {
        var fixture = new ModelFixture();
        // An earlier contact answered in time: that reply answers nothing of the task raised later.
        fixture.Apply(Now.AddHours(-1.5), Inbound("c-1", "k-0", Now.AddHours(-2), Channel.Chat), Outbound("c-1", "o-0", Now.AddHours(-1.5), Channel.Chat));
        fixture.Apply(Now.AddHours(2), Inbound("c-1", "k-1", Now, Channel.Chat));
        Assert.NotNull(fixture.Live(RuleId.AwaitingReply));

        // The operator lengthens the chat window and restarts: the same state under new settings.
        var restarted = new CustomerModel("c-1", fixture.State, RuleSettings.Default with { FastReplyWindow = TimeSpan.FromHours(4) },
            HealthSettings.Default, StateLimits.Default);
        var closed = Assert.Single(restarted.Evaluate(Now.AddHours(3), "restart").ChangedTasks!);

        Assert.Equal((TaskState.AutoClosed, null, "nothing overdue for a reply"), (closed.State, closed.RepliedAt, closed.Resolution));
        Assert.Null(restarted.PortfolioEntry().Outreach);
    }

    [Fact]
    public void A_task_that_closes_because_its_condition_cleared_without_a_reply_is_not_outreach()
    {
        var fixture = new ModelFixture();
        fixture.Apply(Now, PaymentFailed("c-1", "p-1", Now));
        Assert.NotNull(fixture.Live(RuleId.PaymentFailed));
        // A reply logged before, about something else, does not make the payment's clearing an answer.
        fixture.Apply(Now.AddHours(1), Outbound("c-1", "o-1", Now.AddHours(1), Channel.Email));

        var closed = Assert.Single(fixture.Apply(Now.AddHours(2), Purchase("c-1", "p-2", Now.AddHours(2))).ChangedTasks!);

        Assert.Equal((TaskState.AutoClosed, null), (closed.State, closed.RepliedAt));
        Assert.Null(fixture.Model.PortfolioEntry().Outreach);
    }

    [Fact]
    public void The_check_asked_after_every_batch_sees_a_change_in_each_field_the_entry_carries()
    {
        var fixture = new ModelFixture();
        fixture.Apply(Now, Survey("c-1", "s-1", Now, TouchpointType.SurveyNps, 3));
        var steps = new Action<DateTimeOffset>[]
        {
            // The same score again: only the answer's date changes.
            at => fixture.Apply(at, Survey("c-1", "s-2", at, TouchpointType.SurveyNps, 3)),
            at => fixture.Model.CompleteTask(Assert.Single(fixture.State.Tasks.Live, t => t.Rule == RuleId.Detractor).Id, "called", null, at),
            at => fixture.Apply(at, new TouchpointEvent("x-1", "c-1", TouchpointType.SubscriptionCancelled, at, Channel.Billing)),
            // An unanswered chat raises a task after its window; the reply closes it, which is outreach.
            at => fixture.Apply(at, Inbound("c-1", "k-1", at.AddHours(-2), Channel.Chat)),
            at => fixture.Apply(at, Outbound("c-1", "o-1", at, Channel.Chat)),
        };

        var at = Now;
        var outreachSteps = 0;
        foreach (var step in steps)
        {
            var before = fixture.Model.PortfolioEntry();
            Assert.True(fixture.Model.PortfolioEntryIs(before));
            at = at.AddHours(1);
            step(at);
            var after = fixture.Model.PortfolioEntry();
            Assert.False(fixture.Model.PortfolioEntryIs(before));
            Assert.NotEqual(before, after);
            Assert.True(fixture.Model.PortfolioEntryIs(after));
            if ((after.Outreach?.Count ?? 0) != (before.Outreach?.Count ?? 0))
            {
                // The completed tasks alone tell them apart, however the rest of the entry moved.
                Assert.False(fixture.Model.PortfolioEntryIs(after with { Outreach = before.Outreach }));
                outreachSteps++;
            }
        }

        Assert.Equal(2, outreachSteps);

        // Fields a step changes together with others, each alone.
        var entry = fixture.Model.PortfolioEntry();
        Assert.False(fixture.Model.PortfolioEntryIs(entry with { Outreach = null }));
        Assert.False(fixture.Model.PortfolioEntryIs(entry with { ChurnedAt = null }));
    }

    [Fact]
    public async Task A_cancellation_moves_the_customer_from_its_band_to_churned()
    {
        await using var cluster = await AcmeAnsweredAsync(3);
        var portfolio = cluster.GrainFactory.GetGrain<IPortfolioGrain>("all");
        var before = await portfolio.GetSnapshotAsync();

        await cluster.SendAsync(new TouchpointEvent("x-1", "acme", TouchpointType.SubscriptionCancelled, cluster.Now, Channel.Billing));
        var after = await portfolio.GetSnapshotAsync();

        Assert.Equal((1, 0, 0m), (before.Customers, before.Churned, before.ValueChurned));
        Assert.Equal(1, before.Detractors);
        Assert.Equal((1, 1, 40_000m), (after.Customers, after.Churned, after.ValueChurned));
        Assert.Equal(0, after.CustomersByBand.Values.Sum());
        Assert.Equal((0m, 0), (after.ValueAtRisk, after.Detractors));
    }

    [Fact]
    public async Task Customer_grains_keep_the_portfolio_current_through_their_partitions()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var now = cluster.Now;
        await cluster.Customer("acme").SetProfileAsync(new CustomerProfile("Acme", "enterprise", "csm-1", 40_000));
        await cluster.Customer("bolt").SetProfileAsync(new CustomerProfile("Bolt", "smb", "csm-2", 5_000));
        await cluster.SendAsync(Survey("acme", "s-1", now, TouchpointType.SurveyNps, 9));
        await cluster.SendAsync(Survey("bolt", "s-2", now, TouchpointType.SurveyNps, 9));

        await cluster.AdvanceAsync(TimeSpan.FromDays(1));
        await cluster.SendAsync(Survey("acme", "s-3", cluster.Now, TouchpointType.SurveyNps, 1));

        var portfolio = cluster.GrainFactory.GetGrain<IPortfolioGrain>("all");
        var all = await portfolio.GetSnapshotAsync();
        Assert.Equal(2, all.Customers);
        Assert.Equal(1, all.CustomersByBand[HealthBand.AtRisk]);
        Assert.Equal(40_000, all.ValueAtRisk);
        Assert.Equal(0.0, all.Nps);
        Assert.Equal(["acme"], all.EnteredAtRiskLast7Days);
        Assert.Equal(1, all.OpenTasksByRule[RuleId.Detractor]);
        Assert.Equal(1, all.OpenTasksByRule[RuleId.Promoter]);

        var smb = await portfolio.GetSnapshotAsync(segment: "smb");
        Assert.Equal(1, smb.Customers);
        Assert.Equal(0, smb.ValueAtRisk);
        var csm1 = await portfolio.GetSnapshotAsync(ownerId: "csm-1");
        Assert.Equal(["acme"], csm1.EnteredAtRiskLast7Days);

        await cluster.AdvanceAsync(TimeSpan.FromDays(8));
        Assert.Empty((await portfolio.GetSnapshotAsync()).EnteredAtRiskLast7Days);
    }
}
