using CustomerSuccess.Actors.Time;

namespace CustomerSuccess.Actors.Tests;

public sealed class VirtualClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Timers_fire_in_due_order_with_the_clock_at_their_due_time()
    {
        var clock = new VirtualClock(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow())), null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow())), null, TimeSpan.FromMinutes(2), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal([("early", Start.AddMinutes(2)), ("late", Start.AddMinutes(5))], fired);
        Assert.Equal(Start.AddMinutes(10), clock.GetUtcNow());
    }

    [Fact]
    public void A_periodic_timer_fires_once_per_period_without_drift()
    {
        var clock = new VirtualClock(Start);
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

        clock.Advance(TimeSpan.FromSeconds(100));

        Assert.Equal([Start.AddSeconds(10), Start.AddSeconds(40), Start.AddSeconds(70), Start.AddSeconds(100)], fired);
    }

    [Fact]
    public void A_changed_or_disposed_timer_does_not_fire_at_its_old_time()
    {
        var clock = new VirtualClock(Start);
        var fired = new List<string>();
        var moved = clock.CreateTimer(_ => fired.Add($"moved@{clock.GetUtcNow():HH:mm}"), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        var disposed = clock.CreateTimer(_ => fired.Add("disposed"), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        moved.Change(TimeSpan.FromMinutes(3), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(["moved@00:03"], fired);
    }

    [Fact]
    public void Time_never_moves_backwards()
    {
        var clock = new VirtualClock(Start);
        clock.AdvanceTo(Start.AddHours(1));

        clock.AdvanceTo(Start);

        Assert.Equal(Start.AddHours(1), clock.GetUtcNow());
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Elapsed_time_is_measured_on_the_virtual_clock()
    {
        var clock = new VirtualClock(Start);
        var before = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(TimeSpan.FromDays(2), clock.GetElapsedTime(before));
    }
}
