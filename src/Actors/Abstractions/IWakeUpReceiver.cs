namespace CustomerSuccess.Actors;

/// <summary>
/// Implemented by grain classes that use durable wake-ups (our counterpart of Orleans' <c>IRemindable</c>).
/// The silo activates the grain if needed and calls this at the time set with <see cref="Grain.SetWakeUpAsync"/>,
/// also after the grain was collected or the silo restarted.
/// </summary>
public interface IWakeUpReceiver
{
    /// <summary>Called as a turn at (or, after downtime, as soon as possible after) <paramref name="dueAt"/>.</summary>
    Task ReceiveWakeUpAsync(DateTimeOffset dueAt);
}
