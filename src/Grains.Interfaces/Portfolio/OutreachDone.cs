namespace CustomerSuccess.Grains.Interfaces.Portfolio;

/// <summary>
/// A task a CSM completed: when, how long after the task was raised, and whether by its due time.
/// A customer reports those it still holds; the portfolio counts the ones within its window.
/// </summary>
public readonly record struct OutreachDone(DateTimeOffset DoneAt, TimeSpan TimeToDone, bool OnTime);
