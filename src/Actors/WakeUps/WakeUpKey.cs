namespace CustomerSuccess.Actors.WakeUps;

/// <summary>The grain a wake-up belongs to, by stable type name and key.</summary>
public readonly record struct WakeUpKey(string GrainType, string GrainKey);
