namespace CustomerSuccess.Actors.Tests.TestGrains;

public sealed class GateGrain(Gate gate) : Grain, IGateGrain
{
    private bool _inside;

    public async Task<string> WaitAtGateAsync()
    {
        _inside = true;
        await gate.Opened.Task;
        _inside = false;
        return "passed";
    }

    public Task<string> NormalAsync() => Task.FromResult(_inside ? "normal-while-inside" : "normal");

    public Task<string> InterleavedAsync() => Task.FromResult(_inside ? "interleaved-while-inside" : "interleaved");
}

/// <summary>A gate the test opens.</summary>
public sealed class Gate
{
    public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
