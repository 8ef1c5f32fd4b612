using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Scenarios;

public sealed class EngagementTests
{
    private static TouchpointEvent[] EveryNDays(string customer, DateTimeOffset last, int everyDays, int count) =>
        Enumerable.Range(0, count).Select(i => Usage(customer, $"u-{i}", last.AddDays(-everyDays * (count - 1 - i)))).ToArray();

    [Theory]
    [InlineData(2, 7)]
    [InlineData(3, 9)]
    public async Task A_customer_who_stops_fires_gone_quiet_exactly_at_three_typical_gaps_but_not_before_seven_days(int everyDays, int quietDays)
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var last = cluster.Now;
        await cluster.SendAsync(EveryNDays("c-1", last, everyDays, 60 / everyDays));

        await cluster.AdvanceToAsync(last.AddDays(quietDays) - TimeSpan.FromTicks(1));
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.GoneQuiet));

        await cluster.AdvanceAsync(TimeSpan.FromTicks(1));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.GoneQuiet));
        Assert.Equal(last.AddDays(quietDays), task.CreatedAt);
        Assert.Equal(last.AddDays(quietDays + 3), task.DueAt);
        Assert.Equal(3, task.Priority);
        Assert.Equal([$"u-{60 / everyDays - 1}"], task.Evidence);
        Assert.Contains($"typical gap {everyDays} d", task.Reason);

        // Back in use: the condition cleared.
        await cluster.SendAsync(Usage("c-1", "u-back", cluster.Now));
        Assert.Equal(TaskState.AutoClosed, (await cluster.TaskAsync("c-1", RuleId.GoneQuiet))!.State);
    }

    [Fact]
    public async Task A_customer_active_every_twenty_days_is_not_flagged_at_day_eight()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var last = cluster.Now;
        await cluster.SendAsync(EveryNDays("c-1", last, 20, 6));

        await cluster.AdvanceAsync(TimeSpan.FromDays(8));
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.GoneQuiet));
        await cluster.AdvanceAsync(TimeSpan.FromDays(52));
        Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.GoneQuiet));
    }

    [Fact]
    public async Task Four_weeks_of_ten_sessions_then_three_in_a_week_raise_usage_drop()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var now = cluster.Now;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var events = new List<TouchpointEvent>();
        for (var week = 0; week < 4; week++)
        {
            for (var session = 0; session < 10; session++)
            {
                // Days today-34 .. today-7: the four weeks before the last seven days.
                var day = today.AddDays(-34 + week * 7 + session % 5).AddHours(8 + session / 5);
                events.Add(Usage("c-1", $"u-{week}-{session}", day));
            }
        }

        events.Add(Usage("c-1", "u-last-1", today.AddDays(-6).AddHours(8)));
        events.Add(Usage("c-1", "u-last-2", today.AddDays(-4).AddHours(8)));
        events.Add(Usage("c-1", "u-last-3", today.AddDays(-2).AddHours(8)));
        await cluster.SendAsync([.. events]);

        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.UsageDrop));
        Assert.Equal(3, task.Priority);
        Assert.Equal(today, task.CreatedAt);
        Assert.Equal(today.AddDays(3), task.DueAt);
        Assert.Equal(["usage-last-7d:3", "usage-weekly-baseline:10"], task.Evidence);
    }

    [Fact]
    public async Task Steady_usage_raises_no_usage_drop()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var now = cluster.Now;
        var events = Enumerable.Range(0, 35 * 2).Select(i => Usage("c-1", $"u-{i}", now.AddHours(-12 * i))).ToArray();
        await cluster.SendAsync(events);
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.UsageDrop));
    }

    [Fact]
    public async Task A_customer_who_comes_once_a_week_raises_no_usage_drop_before_the_day_they_come_but_one_after_a_week_missed()
    {
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var lastVisit = new DateTimeOffset(cluster.Now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1).AddHours(9);
        var events = new List<TouchpointEvent>();
        for (var week = 0; week < 6; week++)
        {
            for (var session = 0; session < 4; session++)
            {
                events.Add(Usage("c-1", $"u-{week}-{session}", lastVisit.AddDays(-7 * week).AddMinutes(session)));
            }
        }

        await cluster.SendAsync([.. events]);

        // All through the next visit's day until the hour they usually come: last week's visit still counts.
        await cluster.AdvanceToAsync(lastVisit.AddDays(7) - TimeSpan.FromTicks(1));
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.UsageDrop));

        // They did not come that day: a whole week without usage against four a week.
        var dayAfter = lastVisit.Date.AddDays(8);
        await cluster.AdvanceToAsync(new DateTimeOffset(dayAfter, TimeSpan.Zero));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.UsageDrop));
        Assert.Equal(new DateTimeOffset(dayAfter, TimeSpan.Zero), task.CreatedAt);
        Assert.Equal(["usage-last-7d:0", "usage-weekly-baseline:4"], task.Evidence);
    }

    [Fact]
    public async Task A_young_customer_who_stops_gets_usage_drop_at_the_first_midnight_its_history_allows()
    {
        // Ten days of use, then silence. The baseline needs four weeks of history: the drop shows at
        // the first midnight 28 days after the first use, with no event to wake the customer then.
        await using var cluster = await CustomerSuccessCluster.StartAsync();
        var firstDay = new DateTimeOffset(cluster.Now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-10);
        var events = Enumerable.Range(0, 20).Select(i => Usage("c-1", $"u-{i}", firstDay.AddHours(8 + 12 * i))).ToArray();
        await cluster.SendAsync(events);

        await cluster.AdvanceToAsync(firstDay.AddDays(28) - TimeSpan.FromTicks(1));
        Assert.Empty(await cluster.LiveTasksAsync("c-1", RuleId.UsageDrop));

        await cluster.AdvanceAsync(TimeSpan.FromTicks(1));
        var task = Assert.Single(await cluster.LiveTasksAsync("c-1", RuleId.UsageDrop));
        Assert.Equal(firstDay.AddDays(28), task.CreatedAt);
        Assert.Equal(["usage-last-7d:0", "usage-weekly-baseline:5"], task.Evidence);
    }
}
