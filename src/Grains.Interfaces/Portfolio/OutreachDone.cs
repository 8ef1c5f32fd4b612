namespace CustomerSuccess.Grains.Interfaces.Portfolio;

/// <summary>
/// A task a CSM completed: when, how long after the task was raised, whether by its due time, and
/// whose list it was on then, so a customer handed to another CSM does not take its history along.
/// A customer reports those it still holds; the portfolio counts the ones within its window.
/// </summary>
public readonly record struct OutreachDone(DateTimeOffset DoneAt, TimeSpan TimeToDone, bool OnTime, string? OwnerId = null);
