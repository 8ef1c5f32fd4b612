using CustomerSuccess.Backtest.Replay;
using CustomerSuccess.Backtest.Tests.Support;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Backtest.Tests;

/// <summary>The virtual clock follows the events: deadlines fire at their own time, before later events.</summary>
public sealed class ReplayClockTests : IDisposable
{
    private readonly HistoryFolder _folder = new();

    [Fact]
    public async Task A_deadline_between_two_events_fires_at_its_time_before_the_later_event()
    {
        var path = _folder.Write("h.jsonl",
            """{"id":"in-1","customerId":"c-1","type":"contact.inbound","occurredAt":"2026-01-05T09:00:00Z","channel":"email"}""",
            """{"id":"out-1","customerId":"c-1","type":"contact.outbound","occurredAt":"2026-01-06T15:00:00Z","channel":"email"}""");

        var (result, _) = await Backtests.RunAsync(path);

        var task = Assert.Single(result.Tasks, t => t.First.Rule == RuleId.AwaitingReply);
        var due = DateTimeOffset.Parse("2026-01-06T09:00:00Z");
        Assert.Equal(due, task.CreatedAt);
        Assert.Equal(due, task.ObservedAt);
        Assert.Equal(TaskState.AutoClosed, task.Latest.State);
        Assert.Equal(DateTimeOffset.Parse("2026-01-06T15:00:00Z"), task.Latest.UpdatedAt);
        Assert.Equal(1, result.DeadlinesFired);
    }

    [Fact]
    public async Task The_tail_lets_deadlines_pending_at_the_end_fire()
    {
        var path = _folder.Write("h.jsonl",
            """{"id":"in-1","customerId":"c-1","type":"contact.inbound","occurredAt":"2026-01-05T09:00:00Z","channel":"email"}""");

        var (withTail, report) = await Backtests.RunAsync(path, options: new ReplayOptions { Tail = TimeSpan.FromDays(2) });
        var (withoutTail, _) = await Backtests.RunAsync(path, options: new ReplayOptions { Tail = TimeSpan.Zero });

        Assert.Equal(RuleId.AwaitingReply, Assert.Single(withTail.Tasks).First.Rule);
        Assert.Equal(1, report.Tasks.OpenedAfterLastEvent);
        Assert.Equal(DateTimeOffset.Parse("2026-01-07T09:00:00Z"), withTail.ClockEndedAt);
        Assert.Empty(withoutTail.Tasks);
    }

    [Fact]
    public async Task Events_within_one_step_are_evaluated_together_so_a_condition_that_clears_inside_it_raises_nothing()
    {
        var path = _folder.Write("h.jsonl",
            """{"id":"in-1","customerId":"c-1","type":"contact.inbound","occurredAt":"2026-01-05T09:00:00Z","channel":"chat"}""",
            """{"id":"out-1","customerId":"c-1","type":"contact.outbound","occurredAt":"2026-01-05T11:00:00Z","channel":"chat"}""");

        var (exact, _) = await Backtests.RunAsync(path);
        var (stepped, report) = await Backtests.RunAsync(path, options: new ReplayOptions { Step = TimeSpan.FromHours(6) });

        // Event by event, the chat's one-hour reply window ran out at 10:00, before the reply.
        Assert.Equal(DateTimeOffset.Parse("2026-01-05T10:00:00Z"), Assert.Single(exact.Tasks).CreatedAt);
        Assert.Empty(stepped.Tasks);
        Assert.Equal("06:00:00", report.Input.Step);
    }

    [Fact]
    public async Task An_event_later_than_the_reorder_window_allows_is_applied_late_and_counted()
    {
        var path = _folder.Write("h.jsonl",
            """{"id":"u-1","customerId":"c-1","type":"usage","occurredAt":"2026-01-05T09:00:00Z"}""",
            """{"id":"u-2","customerId":"c-1","type":"usage","occurredAt":"2026-01-05T12:00:00Z"}""",
            """{"id":"u-3","customerId":"c-1","type":"usage","occurredAt":"2026-01-05T10:00:00Z"}""",
            """{"id":"u-4","customerId":"c-2","type":"usage","occurredAt":"2026-01-05T11:30:00Z"}""");

        var (strict, strictReport) = await Backtests.RunAsync(path, options: new ReplayOptions { ReorderWindow = TimeSpan.Zero });
        var (wide, _) = await Backtests.RunAsync(path, options: new ReplayOptions { ReorderWindow = TimeSpan.FromHours(3) });

        Assert.Equal(2, strict.LateEvents);
        Assert.Equal(2, strictReport.Input.LateEvents);
        Assert.Equal(4, strict.Events);
        Assert.Equal(0, wide.LateEvents);
        Assert.Equal(DateTimeOffset.Parse("2026-01-05T09:00:00Z"), strict.FirstEventAt);
    }

    [Fact]
    public async Task Tasks_belong_to_the_csm_in_the_profile_even_when_they_open_with_the_first_event()
    {
        var path = _folder.Write("h.jsonl",
            """{"id":"n-1","customerId":"c-1","type":"survey.nps","occurredAt":"2026-01-05T09:00:00Z","channel":"survey","score":2}""");
        var profiles = _folder.Write("p.jsonl", """{"customerId":"c-1","name":"Contoso","ownerId":"csm-07","annualValue":12000}""");

        var (result, report) = await Backtests.RunAsync(path, profiles);

        var task = Assert.Single(result.Tasks, t => t.First.Rule == RuleId.Detractor);
        Assert.Equal("csm-07", task.Latest.OwnerId);
        Assert.Equal(["csm-07"], report.Tasks.Owners);
    }

    public void Dispose() => _folder.Dispose();
}
