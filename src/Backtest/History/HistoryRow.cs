using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Backtest.History;

/// <summary>One data row of a history file: the event it holds, or why it holds none. Lines count from 1, header included.</summary>
public readonly record struct HistoryRow(long Line, TouchpointEvent? Event, string? Error)
{
    public bool IsBad => Event is null;
}
