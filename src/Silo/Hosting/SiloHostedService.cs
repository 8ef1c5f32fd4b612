using CustomerSuccess.Actors.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Silo.Hosting;

/// <summary>Starts the silo with the host and stops it (activations deactivated, state written) on shutdown.</summary>
internal sealed class SiloHostedService(SiloRuntime silo, ILogger<SiloHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await silo.StartAsync(cancellationToken);
        logger.LogWarning("Storage: memory. Nothing survives a restart; set ConnectionStrings:Postgres for durable storage");
        logger.LogInformation("Silo started with {GrainTypes} grain types, collection age {CollectionAge}", silo.GrainTypes.Count, silo.Options.CollectionAge);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await silo.StopAsync(cancellationToken);
        logger.LogInformation("Silo stopped");
    }
}
