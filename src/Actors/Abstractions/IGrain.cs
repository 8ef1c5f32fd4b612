namespace CustomerSuccess.Actors;

/// <summary>Marker for every grain interface. The source generator writes a reference class for each.</summary>
public interface IGrain;

/// <summary>A grain identified by a string key (Orleans' <c>IGrainWithStringKey</c>).</summary>
public interface IGrainWithStringKey : IGrain;
