namespace CustomerSuccess.Silo.Hosting;

/// <summary>Whether the storage is reachable now (the API's /readyz).</summary>
public interface IStorageHealth
{
    /// <summary>"memory" or "postgres".</summary>
    string Mode { get; }

    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}

/// <summary>Memory storage is always ready.</summary>
public sealed class MemoryStorageHealth : IStorageHealth
{
    public string Mode => "memory";

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
