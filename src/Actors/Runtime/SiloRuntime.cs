using System.Collections.Concurrent;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Actors.WakeUps;
using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Actors.Runtime;

/// <summary>
/// A silo: the grain directory, the grain factory, and the silo-wide services (storage, the
/// wake-up scheduler, the idle collector, the clock). Build one with <see cref="SiloBuilder"/>.
/// </summary>
public sealed class SiloRuntime : IGrainFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainId, Activation> _directory = new();
    private readonly IReadOnlyDictionary<Type, GrainType> _typesByInterface;
    private readonly IReadOnlyDictionary<string, GrainType> _typesByName;
    private readonly ActivationCollector _collector;
    private TaskCompletionSource? _idle;
    private int _outstanding;
    private int _activationCount;
    private volatile SiloStatus _status = SiloStatus.Created;

    internal SiloRuntime(
        SiloOptions options,
        TimeProvider timeProvider,
        IGrainStorage storage,
        IWakeUpStore wakeUpStore,
        IServiceProvider services,
        ILogger logger,
        IReadOnlyList<GrainType> grainTypes)
    {
        Options = options;
        TimeProvider = timeProvider;
        Storage = storage;
        Services = services;
        Logger = logger;
        _typesByInterface = grainTypes.ToDictionary(t => t.InterfaceType);
        _typesByName = grainTypes.ToDictionary(t => t.Name, StringComparer.Ordinal);
        StateObjects = options.KeepStateObjects ? new GrainStateObjects() : null;
        Metrics = new SiloMetrics(this);
        WakeUps = new WakeUpScheduler(this, wakeUpStore);
        _collector = new ActivationCollector(this);
    }

    public SiloOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public IGrainStorage Storage { get; }

    public IServiceProvider Services { get; }

    public SiloMetrics Metrics { get; }

    public IReadOnlyCollection<GrainType> GrainTypes => (IReadOnlyCollection<GrainType>)_typesByName.Values;

    internal ILogger Logger { get; }

    internal WakeUpScheduler WakeUps { get; }

    /// <summary>Where grain states live when <see cref="SiloOptions.KeepStateObjects"/> is set; null otherwise.</summary>
    internal GrainStateObjects? StateObjects { get; }

    /// <summary>Activations currently in the directory.</summary>
    public int ActivationCount => Volatile.Read(ref _activationCount);

    /// <summary>Calls, ticks, wake-ups and lifecycle turns accepted and not yet finished.</summary>
    public int OutstandingWork => Volatile.Read(ref _outstanding);

    /// <summary>Wake-ups delivered since this silo started.</summary>
    public long WakeUpsDelivered => WakeUps.Delivered;

    public bool IsRunning => _status == SiloStatus.Running;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_status != SiloStatus.Created)
        {
            throw new InvalidOperationException("A silo starts once.");
        }

        _status = SiloStatus.Running;
        await WakeUps.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops taking wake-ups, deactivates every activation (state written) and waits for the work to drain.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_status is SiloStatus.Stopped or SiloStatus.Stopping)
        {
            return;
        }

        _status = SiloStatus.Stopping;
        WakeUps.Stop();
        _collector.Dispose();
        while (!_directory.IsEmpty)
        {
            foreach (var activation in _directory.Values)
            {
                activation.RequestDeactivation(DeactivationReason.SiloShutdown);
            }

            await WhenIdleAsync(cancellationToken).ConfigureAwait(false);
        }

        _status = SiloStatus.Stopped;
        WakeUps.Dispose();
        Metrics.Dispose();
    }

    /// <summary>Simulates a crash: everything stops at once, no state is written, nothing is drained.</summary>
    public void Kill()
    {
        _status = SiloStatus.Stopped;
        WakeUps.Stop();
        WakeUps.Dispose();
        _collector.Dispose();
        foreach (var activation in _directory.Values)
        {
            activation.Abandon();
        }

        _directory.Clear();
        Metrics.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_typesByInterface.TryGetValue(typeof(TGrainInterface), out var type))
        {
            throw new ArgumentException($"No grain class is registered for {typeof(TGrainInterface).Name}.", nameof(TGrainInterface));
        }

        return GrainReferenceFactory.Create<TGrainInterface>(new GrainId(type, key), this);
    }

    internal bool TryGetGrainType(string name, out GrainType type) => _typesByName.TryGetValue(name, out type!);

    /// <summary>Completes when no work is outstanding: every accepted call, tick and wake-up has finished.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (Volatile.Read(ref _outstanding) != 0)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _idle, signal);
            if (Volatile.Read(ref _outstanding) == 0)
            {
                return;
            }

            await signal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal void CallAccepted()
    {
        Metrics.CallAccepted();
        WorkStarted();
    }

    internal void WorkStarted() => Interlocked.Increment(ref _outstanding);

    internal void WorkFinished()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            Volatile.Read(ref _idle)?.TrySetResult();
        }
    }

    /// <summary>Finds or creates the activation for <paramref name="id"/> and queues the item there.</summary>
    internal Activation? Route(GrainId id, WorkItem item)
    {
        while (true)
        {
            if (!_directory.TryGetValue(id, out var activation))
            {
                if (_status != SiloStatus.Running)
                {
                    item.Fail(new SiloUnavailableException($"The silo is {_status.ToString().ToLowerInvariant()}; {id} cannot be activated."));
                    WorkFinished();
                    return null;
                }

                var created = new Activation(this, id);
                activation = _directory.GetOrAdd(id, created);
                if (ReferenceEquals(activation, created))
                {
                    Interlocked.Increment(ref _activationCount);
                    _collector.OnActivationCreated();
                }
            }

            if (activation.TryEnqueue(item))
            {
                return activation;
            }

            // It went away between lookup and enqueue: drop the stale entry and try again.
            if (_directory.TryRemove(new KeyValuePair<GrainId, Activation>(id, activation)))
            {
                Interlocked.Decrement(ref _activationCount);
            }
        }
    }

    /// <summary>A deactivated activation hands its queued calls to a successor under the same id.</summary>
    internal void ReplaceActivation(Activation activation, Activation successor)
    {
        // Only the deactivating activation removes or replaces its own entry, so it is still there.
        var replaced = _directory.TryUpdate(activation.Id, successor, activation);
        System.Diagnostics.Debug.Assert(replaced, "The directory lost the entry of a deactivating activation.");
        _collector.OnActivationCreated();
    }

    internal void RemoveActivation(Activation activation)
    {
        if (_directory.TryRemove(new KeyValuePair<GrainId, Activation>(activation.Id, activation)))
        {
            Interlocked.Decrement(ref _activationCount);
        }
    }

    internal ICollection<Activation> Activations => _directory.Values;

    internal long MailboxDepth()
    {
        long depth = 0;
        foreach (var pair in _directory)
        {
            depth += pair.Value.QueueLength;
        }

        return depth;
    }

    private enum SiloStatus
    {
        Created,
        Running,
        Stopping,
        Stopped,
    }
}
