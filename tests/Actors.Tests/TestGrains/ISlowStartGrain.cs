namespace CustomerSuccess.Actors.Tests.TestGrains;

/// <summary>A grain whose activation completes asynchronously, as it does with real storage.</summary>
public interface ISlowStartGrain : IGrainWithStringKey
{
    Task<string> HelloAsync();
}

public sealed class SlowStartGrain : Grain, ISlowStartGrain
{
    private bool _activated;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(10, cancellationToken);
        _activated = true;
    }

    public Task<string> HelloAsync() => Task.FromResult(_activated ? "hello after activation" : "too early");
}
