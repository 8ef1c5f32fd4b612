using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Actors.WakeUps;
using CustomerSuccess.Grains;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Portfolio;
using CustomerSuccess.Grains.Tasks;
using CustomerSuccess.Silo.Checkpoints;
using CustomerSuccess.Silo.Demo;
using CustomerSuccess.Silo.EventLog;
using CustomerSuccess.Silo.Ingestion;
using CustomerSuccess.Silo.Portfolio;
using CustomerSuccess.Silo.Storage.Postgres;
using CustomerSuccess.Silo.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CustomerSuccess.Silo.Hosting;

public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo hosting the CustomerSuccess grains, configured from the "Silo" section. With a
    /// <c>ConnectionStrings:Postgres</c> it runs in PostgreSQL mode (event log, state, wake-ups,
    /// recovery); without, in memory mode. With <c>Demo:Enabled</c> it loads a simulated portfolio at startup.
    /// </summary>
    public static IServiceCollection AddCustomerSuccessSilo(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
        if (options.CheckpointWritesInFlight < 1)
        {
            throw new InvalidOperationException($"{SiloHostOptions.SectionName}:{nameof(SiloHostOptions.CheckpointWritesInFlight)} must be at least 1 (was {options.CheckpointWritesInFlight}).");
        }

        if (options.CheckpointEveryCustomers < 1)
        {
            throw new InvalidOperationException($"{SiloHostOptions.SectionName}:{nameof(SiloHostOptions.CheckpointEveryCustomers)} must be at least 1 (was {options.CheckpointEveryCustomers}).");
        }

        services.AddSingleton(options);
        AddDomainSettings(services, configuration);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CustomerEventDispatcher>();

        var postgres = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            AddMemoryStorage(services);
        }
        else
        {
            AddPostgresStorage(services, postgres);
        }

        services.AddSingleton(provider => new SiloBuilder()
            .UseTimeProvider(provider.GetRequiredService<TimeProvider>())
            .UseServices(provider)
            .UseLoggerFactory(provider.GetRequiredService<ILoggerFactory>())
            .UseGrainStorage(provider.GetRequiredService<IGrainStorage>())
            .UseWakeUpStore(provider.GetRequiredService<IWakeUpStore>())
            .Configure(o => o.CollectionAge = options.CollectionAge)
            .AddCustomerSuccessGrains()
            .Build());
        services.AddSingleton<IGrainFactory>(provider => provider.GetRequiredService<SiloRuntime>());
        services.AddHostedService<SiloHostedService>();

        // Registered after the silo's hosted service, so it starts once the silo is up.
        var demo = configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new DemoOptions();
        if (demo.Enabled)
        {
            services.AddSingleton(demo);
            services.AddHostedService<DemoPortfolioLoader>();
        }

        return services;
    }

    // The rules' thresholds ("Rules", RuleSettings' names) and the score's weights and bands ("Health"),
    // DOMAIN.md's defaults where a setting is absent. A setting the domain cannot honour stops the start,
    // saying which, rather than raising tasks no one asked for.
    private static void AddDomainSettings(IServiceCollection services, IConfiguration configuration)
    {
        // An unknown name is an error: a typo must not leave a default silently in place.
        var rules = configuration.GetSection("Rules").Get<RuleSettings>(o => o.ErrorOnUnknownConfiguration = true) ?? RuleSettings.Default;
        var health = configuration.GetSection("Health").Get<HealthSettings>(o => o.ErrorOnUnknownConfiguration = true) ?? HealthSettings.Default;
        var problems = rules.Problems().Select(p => $"Rules: {p}").Concat(health.Problems().Select(p => $"Health: {p}")).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The engine cannot start with these settings: {string.Join(" ", problems)}");
        }

        services.TryAddSingleton(rules);
        services.TryAddSingleton(health);
    }

    private static void AddMemoryStorage(IServiceCollection services)
    {
        services.AddSingleton<IGrainStorage, MemoryGrainStorage>();

        // The storage dies with the process, so boards and partitions write only when deactivated.
        services.TryAddSingleton(CheckpointSettings.OnlyAtDeactivation);
        services.AddSingleton<IWakeUpStore, MemoryWakeUpStore>();
        services.AddSingleton<IEventIngestor, MemoryEventIngestor>();
        services.AddSingleton<IStorageHealth, MemoryStorageHealth>();
        services.AddSingleton<ITaskList, BoardTaskList>();
        services.AddSingleton<IPortfolioHistory, MemoryPortfolioHistory>();
        services.AddSingleton<IStorageLifecycle, MemoryStorageLifecycle>();
    }

    private static void AddPostgresStorage(IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => EngineDataSource.Create(connectionString));
        services.AddKeyedSingleton(EngineDataSource.QueriesKey, (_, _) => EngineDataSource.CreateForQueries(connectionString));
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<IGrainStorage, PostgresGrainStorage>();
        services.AddSingleton<IWakeUpStore, PostgresWakeUpStore>();
        services.AddSingleton<ITaskProjection, PostgresTaskProjection>();
        services.AddSingleton<ITaskList, PostgresTaskList>();
        services.AddSingleton<IPortfolioEntryStore, PostgresPortfolioEntryStore>();
        services.AddSingleton<IPortfolioHistory, PostgresPortfolioHistory>();
        services.AddSingleton<IEventLog, PostgresEventLog>();
        services.AddSingleton<ILogCheckpoint, PostgresLogCheckpoint>();
        services.AddSingleton<AppliedWatermark>();
        services.AddSingleton<DirtyCustomers>();
        services.AddSingleton<CommittedEventApplier>();
        services.AddSingleton<ICommittedFlushHandler>(provider => provider.GetRequiredService<CommittedEventApplier>());
        services.AddSingleton<LogAppender>();
        services.AddSingleton<LogReplayer>();
        services.AddSingleton<LogCheckpointer>();
        services.AddSingleton<IEventIngestor, PostgresEventIngestor>();
        services.AddSingleton<IStorageHealth, PostgresStorageHealth>();
        services.AddSingleton<IStorageLifecycle, PostgresStorageLifecycle>();
    }
}
