using CustomerSuccess.Actors.Runtime;

namespace CustomerSuccess.Grains.Bench;

/// <summary>
/// A silo configured as the engine's memory mode configures its own (src/Silo's <c>AddMemoryStorage</c>):
/// memory grain storage and wake-up store, and boards and portfolio partitions that write only at
/// deactivation, because nothing in memory mode outlives the process. Unlike the engine, it runs on the
/// clock it is given: on a <see cref="WeekClock"/> no timer fires, so no deadline is claimed and no
/// activation is collected while the benchmarks run.
/// </summary>
internal static class MemoryModeSilo
{
    /// <param name="clock">
    /// The silo's time (<see cref="WeekClock"/>, or the system's for a burst of new customers).
    /// Evaluated at the wall clock, weeks of history delivered in seconds would make every customer
    /// look weeks quiet after every batch, and change its gone-quiet and usage-drop tasks with each one.
    /// </param>
    public static SiloRuntime Build(TimeProvider clock) =>
        new SiloBuilder()
            .UseTimeProvider(clock)
            .UseServices(new Services())
            .AddCustomerSuccessGrains()
            .Build();

    private sealed class Services : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(CheckpointSettings) ? CheckpointSettings.OnlyAtDeactivation : null;
    }
}
