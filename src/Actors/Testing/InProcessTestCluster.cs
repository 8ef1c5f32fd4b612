using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Actors.Time;
using CustomerSuccess.Actors.WakeUps;

namespace CustomerSuccess.Actors.Testing;

/// <summary>
/// A silo in the test process on a virtual clock (Orleans' <c>InProcessTestCluster</c>). Storage
/// and wake-ups outlive the silo, so a test can stop, crash and restart it over the same data.
/// </summary>
public sealed class InProcessTestCluster : IAsyncDisposable
{
    private readonly Action<SiloBuilder> _configure;

    public InProcessTestCluster(Action<SiloBuilder> configure, DateTimeOffset? start = null, IGrainStorage? storage = null, IWakeUpStore? wakeUps = null)
    {
        _configure = configure ?? throw new ArgumentNullException(nameof(configure));
        Clock = new VirtualClock(start ?? new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        Storage = storage ?? new MemoryGrainStorage();
        WakeUps = wakeUps ?? new MemoryWakeUpStore();
        Silo = Build();
    }

    public VirtualClock Clock { get; }

    public IGrainStorage Storage { get; }

    public IWakeUpStore WakeUps { get; }

    /// <summary>The current silo; replaced by a restart.</summary>
    public SiloRuntime Silo { get; private set; }

    public IGrainFactory GrainFactory => Silo;

    public DateTimeOffset Now => Clock.GetUtcNow();

    public Task StartAsync() => Silo.StartAsync();

    /// <summary>A graceful restart: activations deactivate (state written), then a new silo starts over the same storage.</summary>
    public async Task RestartAsync()
    {
        await Silo.StopAsync();
        Silo = Build();
        await Silo.StartAsync();
    }

    /// <summary>A crash and restart: nothing is written on the way down.</summary>
    public async Task KillAndRestartAsync()
    {
        Silo.Kill();
        Silo = Build();
        await Silo.StartAsync();
    }

    /// <summary>Waits until the silo has no outstanding work.</summary>
    public Task WhenIdleAsync() => Silo.WhenIdleAsync();

    /// <summary>
    /// Moves virtual time forward. Every timer due on the way fires at its exact time, and the work
    /// it causes settles before the next one fires, as it would in real time.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        await AdvanceToAsync(Now + delta);
    }

    public async Task AdvanceToAsync(DateTimeOffset target)
    {
        await Silo.WhenIdleAsync();
        while (Clock.TryFireNext(target))
        {
            await Silo.WhenIdleAsync();
        }

        Clock.AdvanceTo(target);
        await Silo.WhenIdleAsync();
    }

    public async ValueTask DisposeAsync() => await Silo.StopAsync();

    private SiloRuntime Build()
    {
        var builder = new SiloBuilder()
            .UseTimeProvider(Clock)
            .UseGrainStorage(Storage)
            .UseWakeUpStore(WakeUps);
        _configure(builder);
        return builder.Build();
    }
}
