using System.Diagnostics.Metrics;
using CustomerSuccess.Actors.Tests.TestGrains;

namespace CustomerSuccess.Actors.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task The_silo_reports_calls_activations_and_mailbox_depth()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var measurements = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, cluster.Silo.Metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measurements)
            {
                measurements[instrument.Name] = measurements.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            lock (measurements)
            {
                measurements[instrument.Name] = value;
            }
        });
        listener.Start();

        for (var i = 0; i < 5; i++)
        {
            await cluster.GrainFactory.GetGrain<ICounterGrain>($"m{i % 2}").IncrementAsync();
        }

        await cluster.WhenIdleAsync();
        listener.RecordObservableInstruments();

        Assert.Equal(5, measurements["actors.calls"]);
        Assert.Equal(2, measurements["actors.activations.created"]);
        Assert.Equal(2, measurements["actors.activations"]);
        Assert.Equal(0, measurements["actors.mailbox.depth"]);
        Assert.Equal(0, measurements["actors.work.outstanding"]);
    }
}
