using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Actors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSuccess.Actors.Tests.TestGrains;

/// <summary>Registers the test grains on a silo.</summary>
public static class TestSilo
{
    public static InProcessTestCluster Create(Probe probe, Gate? gate = null, Action<SiloOptions>? options = null)
    {
        var services = new ServiceCollection()
            .AddSingleton(probe)
            .AddSingleton(gate ?? new Gate())
            .BuildServiceProvider();
        return new InProcessTestCluster(builder => builder
            .UseServices(services)
            .Configure(o => options?.Invoke(o))
            .AddGrain<ICounterGrain, CounterGrain>("counter", ctx => new CounterGrain(ctx.PersistentState<CounterState>("counter"), ctx.Services.GetRequiredService<Probe>()))
            .AddGrain<IRelayGrain, RelayGrain>("relay", _ => new RelayGrain())
            .AddGrain<IGateGrain, GateGrain>("gate", ctx => new GateGrain(ctx.Services.GetRequiredService<Gate>()))
            .AddGrain<ITickerGrain, TickerGrain>("ticker", ctx => new TickerGrain(ctx.Services.GetRequiredService<Probe>()))
            .AddGrain<ISlowStartGrain, SlowStartGrain>("slow-start", _ => new SlowStartGrain()));
    }
}
