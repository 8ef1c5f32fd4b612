namespace CustomerSuccess.Actors.WakeUps;

/// <summary>
/// A claimed wake-up. <paramref name="Token"/> identifies this setting of the due time, so
/// completing it cannot erase a newer wake-up the grain set while handling it.
/// </summary>
public readonly record struct DueWakeUp(WakeUpKey Key, DateTimeOffset DueAt, long Token);
