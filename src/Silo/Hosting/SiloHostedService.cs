using CustomerSuccess.Actors.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Silo.Hosting;

/// <summary>Starts the silo with the host (storage prepared first, log replayed after) and stops it (state written) on shutdown.</summary>
internal sealed class SiloHostedService(SiloRuntime silo, IStorageLifecycle storage, ILogger<SiloHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.BeforeSiloStartAsync(cancellationToken);
        await silo.StartAsync(cancellationToken);
        await storage.AfterSiloStartAsync(cancellationToken);
        logger.LogInformation("Silo started with {GrainTypes} grain types, collection age {CollectionAge}", silo.GrainTypes.Count, silo.Options.CollectionAge);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await storage.BeforeSiloStopAsync(cancellationToken);
        await silo.StopAsync(cancellationToken);
        await storage.AfterSiloStopAsync(cancellationToken);
        logger.LogInformation("Silo stopped");
    }
}
