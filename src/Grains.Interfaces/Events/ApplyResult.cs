namespace CustomerSuccess.Grains.Interfaces.Events;

/// <summary>How many events of a batch were new and how many were duplicates (same event id seen before).</summary>
/// <remarks>A value: every call that applies events returns one, and a caller only sums them.</remarks>
public readonly record struct ApplyResult(int Applied, int Duplicates);
