using CustomerSuccess.Actors.Runtime;
using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Actors.Timers;

/// <summary>
/// A grain timer. Each tick queues the timer itself as a work item, so a tick allocates nothing,
/// and a tick that is still queued or running swallows the next one (ticks never overlap).
/// </summary>
internal sealed class GrainTimer<TState> : WorkItem, IGrainTimer
{
    private readonly Activation _activation;
    private readonly Func<TState, CancellationToken, Task> _callback;
    private readonly TState _state;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private int _inFlight;

    public GrainTimer(Activation activation, Func<TState, CancellationToken, Task> callback, TState state)
    {
        _activation = activation;
        _callback = callback;
        _state = state;
        _timer = activation.Silo.TimeProvider.CreateTimer(
            static self => ((GrainTimer<TState>)self!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    internal override bool KeepsAlive => false;

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        _timer.Change(dueTime, period);
    }

    private void OnTick()
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _inFlight, 1) == 1)
        {
            return;
        }

        _activation.Silo.WorkStarted();
        if (!_activation.TryEnqueue(this))
        {
            _activation.Silo.WorkFinished();
            Dispose();
        }
    }

    internal override Task Start(Activation activation) =>
        _disposed.IsCancellationRequested ? Task.CompletedTask : _callback(_state, _disposed.Token);

    internal override void Finish(Activation activation, Task turn)
    {
        Volatile.Write(ref _inFlight, 0);
        if (!turn.IsCompletedSuccessfully && !_disposed.IsCancellationRequested)
        {
            activation.Silo.Logger.LogError(TurnOutcome.ExceptionOf(turn), "A timer callback of {GrainId} failed", activation.Id);
        }
    }

    internal override void Fail(Exception error) => Volatile.Write(ref _inFlight, 0);

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }
}
