namespace CustomerSuccess.Actors.Tests.TestGrains;

/// <summary>A counter with persistent state, used to prove turns, state and lifecycle.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Reads, yields, then writes: only correct if turns never interleave.</summary>
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task SaveAsync();

    Task FailAsync(string message);

    Task<int> AddAsync(int amount, string note);

    Task DeactivateAsync();

    /// <summary>Records the entry in the probe, then asks to be deactivated.</summary>
    Task RecordThenDeactivateAsync(string entry);
}
