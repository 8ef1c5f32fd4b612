namespace CustomerSuccess.Grains.Interfaces.Events;

/// <summary>
/// An event as the engine's log holds it: its position in the log (increasing, 1-based) and the
/// event. Position 0 marks an event from an engine without a durable log (memory mode).
/// </summary>
public readonly record struct LoggedTouchpoint(long Position, TouchpointEvent Event);
