namespace CustomerSuccess.Actors.Persistence;

/// <summary>A state record as a provider stores it: serialised JSON and its version.</summary>
public sealed record StoredGrainState(byte[] Json, string Etag);
