namespace CustomerSuccess.Actors.Tests.TestGrains;

/// <summary>A grain with a timer and a durable wake-up.</summary>
public interface ITickerGrain : IGrainWithStringKey
{
    Task StartTimerAsync(TimeSpan dueTime, TimeSpan period);

    Task StopTimerAsync();

    Task<int> GetTicksAsync();

    Task SetWakeUpAsync(DateTimeOffset? dueAt);
}
