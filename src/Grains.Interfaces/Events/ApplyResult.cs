namespace CustomerSuccess.Grains.Interfaces.Events;

/// <summary>How many events of a batch were new and how many were duplicates (same event id seen before).</summary>
public sealed record ApplyResult(int Applied, int Duplicates);
