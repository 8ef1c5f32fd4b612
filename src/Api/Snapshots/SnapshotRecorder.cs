using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Silo.Portfolio;

namespace CustomerSuccess.Api.Snapshots;

/// <summary>
/// Records the portfolio's snapshots once per day (the whole and every segment, CSM and CSM within a
/// segment, so each filter has its trend), at UTC midnight on the silo's
/// <see cref="TimeProvider"/> (so tests and replays drive it with a virtual clock), as the closing
/// figures of the day that just ended.
/// </summary>
/// <remarks>
/// Storage that fails at midnight is tried again every <see cref="RetryEvery"/> for up to
/// <see cref="RetryFor"/>: a day's point then holds the figures of the first minute its storage
/// answered, close to the close, rather than leaving a gap in every chart. A day the engine was down
/// for at midnight stays a gap: figures taken later would be another day's.
/// </remarks>
internal sealed class SnapshotRecorder(IGrainFactory grains, IPortfolioHistory history, TimeProvider time, ILogger<SnapshotRecorder> logger)
    : BackgroundService
{
    internal static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(30);

    internal static readonly TimeSpan RetryFor = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var nextMidnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            try
            {
                await Task.Delay(nextMidnight - now, time, stoppingToken);
                await RecordAsync(DateOnly.FromDateTime(nextMidnight.UtcDateTime.AddDays(-1)), nextMidnight, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RecordAsync(DateOnly day, DateTimeOffset closedAt, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var snapshots = await grains.GetGrain<IPortfolioGrain>("all").GetSnapshotsOfEveryScopeAsync();
                await history.RecordAsync(day, snapshots, stoppingToken);
                logger.LogInformation("Recorded the portfolio snapshots of {Day}: {Customers} customers, {Scopes} scopes", day, snapshots[0].Customers, snapshots.Count);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                if (time.GetUtcNow() + RetryEvery > closedAt + RetryFor)
                {
                    // A missed day is a gap in a chart, not a reason to stop recording the next ones.
                    logger.LogWarning(e, "Could not record the portfolio snapshot of {Day}; gave up after {RetryFor}", day, RetryFor);
                    return;
                }

                logger.LogWarning(e, "Could not record the portfolio snapshot of {Day}; trying again in {RetryEvery}", day, RetryEvery);
                await Task.Delay(RetryEvery, time, stoppingToken);
            }
        }
    }
}
