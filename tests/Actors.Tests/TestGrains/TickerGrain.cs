namespace CustomerSuccess.Actors.Tests.TestGrains;

public sealed class TickerGrain(Probe probe) : Grain, ITickerGrain, IWakeUpReceiver
{
    private IGrainTimer? _timer;
    private int _ticks;
    private bool _inTurn;

    public Task StartTimerAsync(TimeSpan dueTime, TimeSpan period)
    {
        _timer = RegisterGrainTimer(static (self, _) => self.TickAsync(), this, dueTime, period);
        return Task.CompletedTask;
    }

    private async Task TickAsync()
    {
        if (_inTurn)
        {
            probe.Record("overlap");
        }

        _inTurn = true;
        await Task.Yield();
        _ticks++;
        probe.Record($"tick:{GetPrimaryKeyString()}:{TimeProvider.GetUtcNow():O}");
        _inTurn = false;
    }

    public Task StopTimerAsync()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);

    Task ITickerGrain.SetWakeUpAsync(DateTimeOffset? dueAt) => SetWakeUpAsync(dueAt);

    public Task ReceiveWakeUpAsync(DateTimeOffset dueAt)
    {
        probe.Record($"wake:{GetPrimaryKeyString()}:{dueAt:O}@{TimeProvider.GetUtcNow():O}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivate:{GetPrimaryKeyString()}:{reason}");
        return Task.CompletedTask;
    }
}
