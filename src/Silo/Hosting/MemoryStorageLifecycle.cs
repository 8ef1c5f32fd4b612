using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Silo.Hosting;

/// <summary>Memory mode: nothing to prepare, but the operator must know nothing survives a restart.</summary>
internal sealed class MemoryStorageLifecycle(ILogger<MemoryStorageLifecycle> logger) : IStorageLifecycle
{
    public Task BeforeSiloStartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("Storage: memory. Nothing survives a restart; set ConnectionStrings:Postgres (env ConnectionStrings__Postgres) for durable storage");
        return Task.CompletedTask;
    }

    public Task AfterSiloStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task BeforeSiloStopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AfterSiloStopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
