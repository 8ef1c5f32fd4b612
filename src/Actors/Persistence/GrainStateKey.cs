namespace CustomerSuccess.Actors.Persistence;

/// <summary>Addresses one named state of one grain in a storage provider.</summary>
public readonly record struct GrainStateKey(string GrainType, string GrainKey, string StateName);
