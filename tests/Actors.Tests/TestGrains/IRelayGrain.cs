namespace CustomerSuccess.Actors.Tests.TestGrains;

/// <summary>Calls a counter grain on the caller's behalf (grain-to-grain calls).</summary>
public interface IRelayGrain : IGrainWithStringKey
{
    Task<int> IncrementCounterAsync(string counterKey, int times);
}
