namespace CustomerSuccess.Actors.Tests.TestGrains;

public sealed class RelayGrain : Grain, IRelayGrain
{
    public async Task<int> IncrementCounterAsync(string counterKey, int times)
    {
        var counter = GrainFactory.GetGrain<ICounterGrain>(counterKey);
        var last = 0;
        for (var i = 0; i < times; i++)
        {
            last = await counter.IncrementAsync();
        }

        return last;
    }
}
