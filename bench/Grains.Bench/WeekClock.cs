namespace CustomerSuccess.Grains.Bench;

/// <summary>
/// The silo's time in the domain benchmarks: set to the end of each week before its batches are
/// applied, as time passes for a live engine. Its timers never fire. The benchmarks deliver a week of a
/// customer's events as one batch, so a deadline between two weeks (gone-quiet seven days after a
/// customer's last event of the week before) would fall due before the events that, live, would
/// have come first, and open a task the next batch closes. What is measured is applying events;
/// deadlines firing is measured by the runtime's wake-up benchmark (bench/Actors.Bench).
/// </summary>
internal sealed class WeekClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _utcTicks), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Set(DateTimeOffset now) => Volatile.Write(ref _utcTicks, now.UtcTicks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Stopped();

    private sealed class Stopped : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
