namespace CustomerSuccess.Actors.Runtime;

/// <summary>The silo is stopping or stopped and takes no new calls.</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);
