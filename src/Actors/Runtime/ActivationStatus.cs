namespace CustomerSuccess.Actors.Runtime;

internal enum ActivationStatus : byte
{
    /// <summary>In the directory, grain not yet constructed; the first work item activates it.</summary>
    Created,
    /// <summary>Loading state and running OnActivateAsync.</summary>
    Activating,
    /// <summary>Taking calls.</summary>
    Valid,
    /// <summary>Running its last turn; calls that arrive now are forwarded to the next activation.</summary>
    Deactivating,
    /// <summary>Gone from the directory; references re-resolve.</summary>
    Invalid,
}
