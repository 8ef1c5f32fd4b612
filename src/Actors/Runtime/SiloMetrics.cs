using System.Diagnostics.Metrics;

namespace CustomerSuccess.Actors.Runtime;

/// <summary>
/// The runtime's instruments (System.Diagnostics.Metrics), one meter per silo:
/// activations, calls, mailbox depth, outstanding work, wake-ups.
/// </summary>
public sealed class SiloMetrics : IDisposable
{
    public const string MeterName = "CustomerSuccess.Actors";

    private readonly Counter<long> _calls;
    private readonly Counter<long> _activationsCreated;
    private readonly Counter<long> _activationsCollected;
    private readonly Counter<long> _wakeUps;

    internal SiloMetrics(SiloRuntime silo)
    {
        Meter = new Meter(MeterName);
        _calls = Meter.CreateCounter<long>("actors.calls", description: "Grain calls accepted.");
        _activationsCreated = Meter.CreateCounter<long>("actors.activations.created", description: "Activations that finished activating.");
        _activationsCollected = Meter.CreateCounter<long>("actors.activations.deactivated", description: "Activations that finished deactivating.");
        _wakeUps = Meter.CreateCounter<long>("actors.wakeups.delivered", description: "Durable wake-ups delivered to grains.");
        Meter.CreateObservableGauge("actors.activations", () => silo.ActivationCount, description: "Activations in the directory.");
        Meter.CreateObservableGauge("actors.mailbox.depth", silo.MailboxDepth, description: "Work items queued in activation mailboxes.");
        Meter.CreateObservableGauge("actors.work.outstanding", () => silo.OutstandingWork, description: "Work items accepted and not yet finished.");
    }

    /// <summary>The meter; listeners can tell silos apart by it.</summary>
    public Meter Meter { get; }

    internal void CallAccepted() => _calls.Add(1);

    internal void ActivationCreated() => _activationsCreated.Add(1);

    internal void ActivationCollected() => _activationsCollected.Add(1);

    internal void WakeUpDelivered() => _wakeUps.Add(1);

    public void Dispose() => Meter.Dispose();
}
