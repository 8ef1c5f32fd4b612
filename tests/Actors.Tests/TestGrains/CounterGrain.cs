using CustomerSuccess.Actors.Persistence;

namespace CustomerSuccess.Actors.Tests.TestGrains;

public sealed class CounterGrain(IPersistentState<CounterState> state, Probe probe) : Grain, ICounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record($"activate:{GetPrimaryKeyString()}:{state.State.Count}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivate:{GetPrimaryKeyString()}:{reason}");
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        var value = state.State.Count;
        await Task.Yield();
        state.State.Count = value + 1;
        return state.State.Count;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);

    public Task SaveAsync() => state.WriteStateAsync();

    public Task FailAsync(string message) => throw new InvalidOperationException(message);

    public Task<int> AddAsync(int amount, string note)
    {
        state.State.Count += amount;
        state.State.LastNote = note;
        return Task.FromResult(state.State.Count);
    }

    public Task RecordThenDeactivateAsync(string entry)
    {
        probe.Record(entry);
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
