using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Grains;
using CustomerSuccess.Silo.Ingestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Silo.Hosting;

public static class SiloServiceCollectionExtensions
{
    /// <summary>Adds a silo hosting the CustomerSuccess grains, configured from the "Silo" section.</summary>
    public static IServiceCollection AddCustomerSuccessSilo(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new SiloBuilder()
            .UseTimeProvider(provider.GetRequiredService<TimeProvider>())
            .UseServices(provider)
            .UseLoggerFactory(provider.GetRequiredService<ILoggerFactory>())
            .Configure(o => o.CollectionAge = options.CollectionAge)
            .AddCustomerSuccessGrains()
            .Build());
        services.AddSingleton<IGrainFactory>(provider => provider.GetRequiredService<SiloRuntime>());
        services.AddSingleton<CustomerEventDispatcher>();
        services.AddSingleton<IEventIngestor, MemoryEventIngestor>();
        services.AddSingleton<IStorageHealth, MemoryStorageHealth>();
        services.AddHostedService<SiloHostedService>();
        return services;
    }
}
