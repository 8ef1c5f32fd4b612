using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Scenarios;

/// <summary>Events applied from the durable log: skipped by position on replay, written only at checkpoints.</summary>
public sealed class LoggedApplyTests
{
    private static readonly GrainStateKey Key = new("customer", "c-1", "customer");

    [Fact]
    public async Task Events_from_the_log_are_not_written_until_a_checkpoint_asks()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        var customer = cluster.Customer("c-1");

        var result = await customer.ApplyLoggedAsync([new(1, Inbound("c-1", "e-1", t0, Channel.Email)), new(2, Survey("c-1", "s-1", t0, TouchpointType.SurveyNps, 3))]);

        Assert.Equal(2, result.Applied);
        Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.Detractor));
        Assert.Null(await cluster.Storage.ReadAsync(Key, default));

        await customer.CheckpointAsync();
        var stored = await cluster.Storage.ReadAsync(Key, default);
        Assert.Equal(2, GrainStateSerializer.Deserialize<CustomerState>(stored!.Json).LogPosition);

        // Nothing changed since: a second checkpoint writes nothing.
        await customer.CheckpointAsync();
        Assert.Equal(stored.Etag, (await cluster.Storage.ReadAsync(Key, default))!.Etag);
    }

    [Fact]
    public async Task A_replay_after_a_crash_applies_only_what_the_checkpointed_state_lacks()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        LoggedTouchpoint[] log =
        [
            new(10, Inbound("c-1", "e-1", t0, Channel.Email, issue: "B-1")),
            new(11, Usage("c-1", "u-1", t0)),
            new(14, Inbound("c-1", "e-2", t0.AddMinutes(5), Channel.Phone, issue: "B-1")),
            new(20, Survey("c-1", "s-1", t0.AddMinutes(6), TouchpointType.SurveyNps, 3)),
        ];

        await cluster.Customer("c-1").ApplyLoggedAsync(log[..2]);
        await cluster.Customer("c-1").CheckpointAsync();
        await cluster.Customer("c-1").ApplyLoggedAsync(log[2..]);
        var before = Summary(await cluster.Customer("c-1").GetTasksAsync());

        // The crash loses what was applied after the checkpoint; the replay starts below it and
        // in chunks that straddle it.
        await cluster.KillAndRestartAsync();
        var first = await cluster.Customer("c-1").ApplyLoggedAsync(log[..3]);
        var second = await cluster.Customer("c-1").ApplyLoggedAsync(log[3..]);

        Assert.Equal((1, 2), (first.Applied, first.Duplicates));
        Assert.Equal((1, 0), (second.Applied, second.Duplicates));
        // The same tasks; only the wording of intermediate scores may differ, as the replay's
        // chunks evaluate at other points than the original batches.
        Assert.Equal(before, Summary(await cluster.Customer("c-1").GetTasksAsync()));
        var issue = Assert.Single(await cluster.Customer("c-1").GetOpenIssuesAsync());
        Assert.Equal(2, issue.Contacts);
    }

    private static string[] Summary(IReadOnlyList<OutreachTask> tasks) =>
        tasks.Select(t => $"{t.Id} {t.State} p{t.Priority} due {t.DueAt:O} [{string.Join(",", t.Evidence)}]").ToArray();

    [Fact]
    public async Task Events_from_the_log_are_deduplicated_by_position_and_leave_the_ring_of_recent_ids_empty()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        var customer = cluster.Customer("c-1");

        await customer.ApplyLoggedAsync([new(1, Usage("c-1", "u-1", t0)), new(2, Usage("c-1", "u-2", t0))]);
        // The log hands an event over again only in a replay, at the position it had.
        var again = await customer.ApplyLoggedAsync([new(2, Usage("c-1", "u-2", t0)), new(3, Usage("c-1", "u-3", t0))]);
        await customer.CheckpointAsync();

        Assert.Equal((1, 1), (again.Applied, again.Duplicates));
        Assert.Equal(3, (await customer.GetTimelineAsync()).Total);
        var stored = GrainStateSerializer.Deserialize<CustomerState>((await cluster.Storage.ReadAsync(Key, default))!.Json);
        Assert.Empty(stored.Seen.Hashes);
        Assert.Equal(3, stored.LogPosition);
    }

    [Fact]
    public async Task A_ring_of_recent_ids_in_a_state_from_before_is_dropped_by_the_first_event_from_the_log()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        var customer = cluster.Customer("c-1");
        // As states were stored before events from the log skipped the ring.
        await customer.ApplyAsync([Usage("c-1", "u-1", t0)]);

        await customer.ApplyLoggedAsync([new(1, Usage("c-1", "u-2", t0))]);
        await customer.CheckpointAsync();

        var stored = GrainStateSerializer.Deserialize<CustomerState>((await cluster.Storage.ReadAsync(Key, default))!.Json);
        Assert.Empty(stored.Seen.Hashes);
        Assert.Equal(2, (await customer.GetTimelineAsync()).Total);
    }

    [Fact]
    public async Task Logged_events_out_of_position_order_are_refused_whole()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;

        await Assert.ThrowsAsync<ArgumentException>(() => cluster.Customer("c-1").ApplyLoggedAsync(
            [new(5, Usage("c-1", "u-1", t0)), new(3, Usage("c-1", "u-2", t0))]));
        Assert.Equal(0, (await cluster.Customer("c-1").GetTimelineAsync()).Total);
    }

    [Fact]
    public async Task Events_without_a_log_position_are_applied_and_deduplicated_by_id()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        var customer = cluster.Customer("c-1");

        await customer.ApplyLoggedAsync([new(0, Usage("c-1", "u-1", t0))]);
        var again = await customer.ApplyLoggedAsync([new(0, Usage("c-1", "u-1", t0)), new(0, Usage("c-1", "u-2", t0))]);

        Assert.Equal((1, 1), (again.Applied, again.Duplicates));
    }

    [Fact]
    public async Task A_logged_event_that_moves_a_deadline_later_keeps_the_earlier_wake_up_and_the_rule_still_fires_exactly_on_time()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        var customer = cluster.Customer("c-1");
        // Every 2 days for 10 days: gone quiet 7 days after the last one (3 gaps are less). Content, so
        // its health does not drift into watch before then.
        await customer.ApplyLoggedAsync([.. Steady(t0)]);
        var first = await cluster.WakeUps.GetNextDueAsync(default);

        // Within the collection age: a new activation would write its wake-up once anyway.
        await cluster.AdvanceAsync(TimeSpan.FromMinutes(10));
        var late = cluster.Now;
        await customer.ApplyLoggedAsync([new(SteadyCount + 1, Usage("c-1", "u-late", cluster.Now))]);

        // No write for the later deadline: the stored wake-up is still the first one.
        Assert.Equal(t0.AddDays(7), first);
        Assert.Equal(first, await cluster.WakeUps.GetNextDueAsync(default));

        // It fires and only re-arms for the real deadline, gone quiet 7 days after u-late: no
        // evaluation, so no score change at a moment no rule asked for.
        var history = (await customer.GetScoreHistoryAsync()).Count;
        await cluster.AdvanceToAsync(late.AddDays(7) - TimeSpan.FromTicks(1));
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.GoneQuiet));
        Assert.Equal(late.AddDays(7), await cluster.WakeUps.GetNextDueAsync(default));
        Assert.Equal(history, (await customer.GetScoreHistoryAsync()).Count);

        await cluster.AdvanceAsync(TimeSpan.FromTicks(1));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.GoneQuiet));
        Assert.Equal(late.AddDays(7), task.CreatedAt);
        Assert.Equal(["u-late"], task.Evidence);
    }

    [Fact]
    public async Task A_new_activation_from_the_log_re_asserts_its_stored_wake_up_instead_of_moving_it_later()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var t0 = cluster.Now;
        var customer = cluster.Customer("c-1");
        await customer.ApplyLoggedAsync([.. Steady(t0)]);
        await customer.CheckpointAsync();
        await cluster.KillAndRestartAsync();

        // A replay's first event for this customer moves gone-quiet later; the stored wake-up, which
        // the store already holds, is the one set again (so the store has nothing to write).
        await cluster.AdvanceAsync(TimeSpan.FromMinutes(10));
        await cluster.Customer("c-1").ApplyLoggedAsync([new(SteadyCount + 1, Usage("c-1", "u-late", cluster.Now))]);

        Assert.Equal(t0.AddDays(7), await cluster.WakeUps.GetNextDueAsync(default));
    }

    private const int SteadyCount = 9;

    // A content customer active every 2 days for 10 days, the last time at t0, at log positions 1 to 9.
    private static IEnumerable<LoggedTouchpoint> Steady(DateTimeOffset t0) =>
        Content("c-1", t0.AddDays(-10)).Concat(Enumerable.Range(0, 6).Select(i => Usage("c-1", $"u-{i}", t0.AddDays(2 * i - 10))))
            .Select((e, i) => new LoggedTouchpoint(i + 1, e));
}
