using CustomerSuccess.Actors.Runtime;

namespace CustomerSuccess.Actors.WakeUps;

/// <summary>Delivers a due wake-up to its grain as a turn.</summary>
internal sealed class WakeUpWorkItem(WakeUpScheduler scheduler, DueWakeUp wakeUp) : WorkItem
{
    internal override Task Start(Activation activation) =>
        activation.Instance is IWakeUpReceiver receiver
            ? receiver.ReceiveWakeUpAsync(wakeUp.DueAt)
            : throw new InvalidOperationException($"{activation.Instance?.GetType().Name} has a wake-up but does not implement {nameof(IWakeUpReceiver)}.");

    internal override void Finish(Activation activation, Task turn) => scheduler.OnDelivered(wakeUp, turn);

    internal override void Fail(Exception error) => scheduler.OnDelivered(wakeUp, Task.FromException(error));
}
