using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Silo.Portfolio;

namespace CustomerSuccess.Api.Snapshots;

/// <summary>
/// Records the whole portfolio's snapshot once per day, at UTC midnight on the silo's
/// <see cref="TimeProvider"/> (so tests and replays drive it with a virtual clock), as the closing
/// figures of the day that just ended.
/// </summary>
internal sealed class SnapshotRecorder(IGrainFactory grains, IPortfolioHistory history, TimeProvider time, ILogger<SnapshotRecorder> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var nextMidnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            try
            {
                await Task.Delay(nextMidnight - now, time, stoppingToken);
                var day = DateOnly.FromDateTime(nextMidnight.UtcDateTime.AddDays(-1));
                var snapshot = await grains.GetGrain<IPortfolioGrain>("all").GetSnapshotAsync();
                await history.RecordAsync(day, snapshot, stoppingToken);
                logger.LogInformation("Recorded the portfolio snapshot of {Day}: {Customers} customers", day, snapshot.Customers);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A missed day is a gap in a chart, not a reason to stop recording the next ones.
                logger.LogWarning(e, "Could not record the portfolio snapshot at {Midnight}", nextMidnight);
            }
        }
    }
}
