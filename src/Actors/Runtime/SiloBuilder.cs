using System.Text.RegularExpressions;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Actors.WakeUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerSuccess.Actors.Runtime;

/// <summary>Configures and builds a <see cref="SiloRuntime"/>. Defaults: system clock, memory storage, memory wake-ups.</summary>
public sealed partial class SiloBuilder
{
    private readonly List<GrainType> _grainTypes = [];
    private readonly SiloOptions _options = new();
    private TimeProvider _timeProvider = TimeProvider.System;
    private IGrainStorage? _storage;
    private IWakeUpStore? _wakeUps;
    private IServiceProvider? _services;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;

    public SiloBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    public SiloBuilder UseGrainStorage(IGrainStorage storage)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        return this;
    }

    public SiloBuilder UseWakeUpStore(IWakeUpStore store)
    {
        _wakeUps = store ?? throw new ArgumentNullException(nameof(store));
        return this;
    }

    /// <summary>The services grain factories resolve their dependencies from.</summary>
    public SiloBuilder UseServices(IServiceProvider services)
    {
        _services = services ?? throw new ArgumentNullException(nameof(services));
        return this;
    }

    public SiloBuilder UseLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    public SiloBuilder Configure(Action<SiloOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_options);
        return this;
    }

    /// <summary>
    /// Registers a grain class for an interface. <paramref name="name"/> is the type's stable name in
    /// storage and wake-ups (renaming the class must not orphan its data). The factory receives the
    /// grain's creation context, from which it takes persistent state and services.
    /// </summary>
    public SiloBuilder AddGrain<TGrainInterface, TGrain>(string name, Func<GrainCreationContext, TGrain> factory)
        where TGrainInterface : IGrainWithStringKey
        where TGrain : Grain, TGrainInterface
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!GrainTypeName().IsMatch(name ?? string.Empty))
        {
            throw new ArgumentException("A grain type name is 1 to 64 lowercase letters, digits, '-' or '.'.", nameof(name));
        }

        if (_grainTypes.Exists(t => t.Name == name || t.InterfaceType == typeof(TGrainInterface)))
        {
            throw new InvalidOperationException($"{typeof(TGrainInterface).Name} or the name '{name}' is already registered.");
        }

        _grainTypes.Add(new GrainType(name!, typeof(TGrainInterface), typeof(TGrain), context => factory(context)));
        return this;
    }

    public SiloRuntime Build()
    {
        _options.Validate();
        return new SiloRuntime(
            _options,
            _timeProvider,
            _storage ?? new MemoryGrainStorage(),
            _wakeUps ?? new MemoryWakeUpStore(),
            _services ?? new ServiceCollection().BuildServiceProvider(),
            _loggerFactory.CreateLogger("CustomerSuccess.Actors"),
            _grainTypes.ToArray());
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,63}$")]
    private static partial Regex GrainTypeName();
}
