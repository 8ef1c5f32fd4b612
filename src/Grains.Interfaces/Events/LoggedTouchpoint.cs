namespace CustomerSuccess.Grains.Interfaces.Events;

/// <summary>
/// An event as the engine's log holds it: its position in the log (increasing, 1-based) and the
/// event. Position 0 marks an event from an engine without a durable log (memory mode, a backtest).
/// </summary>
public readonly record struct LoggedTouchpoint(long Position, TouchpointEvent Event)
{
    /// <summary>Whether the event has a position in a durable log (replay skips by it).</summary>
    public bool IsLogged => Position != 0;

    /// <summary>An event from an engine without a durable log.</summary>
    public static LoggedTouchpoint Unlogged(TouchpointEvent e) => new(0, e);

    /// <summary>Events from an engine without a durable log, in their order.</summary>
    public static LoggedTouchpoint[] Unlogged(IReadOnlyList<TouchpointEvent> events)
    {
        var unlogged = new LoggedTouchpoint[events.Count];
        for (var i = 0; i < unlogged.Length; i++)
        {
            unlogged[i] = new LoggedTouchpoint(0, events[i]);
        }

        return unlogged;
    }
}
