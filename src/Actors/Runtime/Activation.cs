using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Actors.Timers;
using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Actors.Runtime;

/// <summary>
/// One live instance of a grain and its turn-based scheduler.
/// <para>
/// The activation is its own synchronization context and its own thread-pool work item, and its
/// queues are linked through the work items, so an idle activation owns nothing but its fields:
/// no mailbox object, no channel, no timer. The run loop takes one item at a time; a turn that
/// awaits blocks the mailbox (except for interleaving methods) until its task completes, and the
/// turn's continuations come back through <see cref="Post"/> so they run one at a time too.
/// </para>
/// </summary>
internal sealed class Activation : SynchronizationContext, IThreadPoolWorkItem
{
    // Work items run per thread-pool dispatch before yielding the thread, for fairness across grains.
    private const int TurnBudget = 64;

    [ThreadStatic]
    private static Activation? t_constructing;

    // The activation whose run loop this thread is in, and the calls it finished meanwhile. Their
    // results are delivered after the loop lets go of the activation: a caller's continuation may
    // run inline, and it must neither hold up this grain nor find it looking busy.
    [ThreadStatic]
    private static Activation? t_running;

    [ThreadStatic]
    private static WorkItem? t_finishedHead;

    [ThreadStatic]
    private static WorkItem? t_finishedTail;

    // How many run loops this thread is executing inline, one inside the other's caller.
    [ThreadStatic]
    private static int t_inlineDepth;

    // Deep enough that most calls of an awaiting caller skip the thread-pool queue, shallow
    // enough that the stack stays small.
    private const int MaxInlineDepth = 4;

    // Locking: every field below is guarded by 'lock (this)'. The type is internal and never
    // handed out except as SynchronizationContext.Current, so no foreign code locks it, and a
    // separate lock object would cost an allocation per activation.
    private WorkItem? _head;
    private WorkItem? _tail;
    private WorkItem? _continuationHead;
    private WorkItem? _continuationTail;
    private WorkItem? _blockingTurn;
    private Activation? _successor;
    private object? _states;
    private List<IDisposable>? _timers;
    private long _lastUsed;
    private int _interleavedRunning;
    private int _queued;
    private int _queuedInterleaving;
    private ActivationStatus _status;
    private bool _scheduled;
    private DeactivationReason? _pendingDeactivation;

    public Activation(SiloRuntime silo, GrainId id)
    {
        Silo = silo;
        Id = id;
        _lastUsed = silo.TimeProvider.GetTimestamp();
    }

    /// <summary>The activation whose grain is being constructed on this thread (read by <see cref="Grain"/>'s constructor).</summary>
    internal static Activation? Constructing => t_constructing;

    public SiloRuntime Silo { get; }

    public GrainId Id { get; }

    public Grain? Instance { get; private set; }

    public int QueueLength => Volatile.Read(ref _queued);

    internal bool IsValid
    {
        get { lock (this) { return _status == ActivationStatus.Valid; } }
    }

    /// <summary>Queues a call, tick or wake-up. False once the activation is gone: the caller re-resolves.</summary>
    public bool TryEnqueue(WorkItem item)
    {
        bool schedule;
        Activation? successor;
        lock (this)
        {
            if (_status == ActivationStatus.Invalid)
            {
                successor = _successor;
                goto Gone;
            }

            Append(item);
            schedule = ScheduleIfRunnableLocked();
        }

        if (schedule)
        {
            if (CanRunInline())
            {
                RunInline();
            }
            else
            {
                Dispatch();
            }
        }

        return true;

    Gone:
        // Calls queued here before deactivation went to the successor first, so a late call
        // follows them there: a grain sees its calls in the order they were sent.
        return successor is not null && successor.TryEnqueue(item);
    }

    private void Append(WorkItem item)
    {
        if (_tail is null)
        {
            _head = item;
        }
        else
        {
            _tail.Next = item;
        }

        _tail = item;
        _queued++;
        if (item.Interleaves)
        {
            _queuedInterleaving++;
        }
    }

    // A thread-pool thread that is outside every grain turn and has no context of its own would
    // only queue the work and go on to take it from the queue: it may as well run it now. The
    // caller awaits the call anyway, and the run loop is the same, so turns stay one at a time.
    private static bool CanRunInline() =>
        t_running is null
        && t_inlineDepth < MaxInlineDepth
        && Current is null
        && Thread.CurrentThread.IsThreadPoolThread;

    private void RunInline()
    {
        t_inlineDepth++;
        try
        {
            Execute();
        }
        finally
        {
            t_inlineDepth--;
        }
    }

    /// <summary>Continuations of this activation's turns come back here and run as part of the turn.</summary>
    public override void Post(SendOrPostCallback d, object? state)
    {
        var item = new ContinuationWorkItem(d, state);
        bool schedule;
        lock (this)
        {
            if (_continuationTail is null)
            {
                _continuationHead = item;
            }
            else
            {
                _continuationTail.Next = item;
            }

            _continuationTail = item;
            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule)
        {
            Dispatch();
        }
    }

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>The run loop: a thread-pool dispatch of this activation.</summary>
    public void Execute()
    {
        var previousContext = Current;
        var previousRunning = t_running;
        SetSynchronizationContext(this);
        t_running = this;
        var budget = TurnBudget;
        var keptAlive = false;
        var requeue = false;
        try
        {
            while (true)
            {
                WorkItem? item;
                lock (this)
                {
                    if (budget == 0 && HasRunnableLocked())
                    {
                        requeue = true;
                        break;
                    }

                    item = TakeNextLocked();
                    if (item is null)
                    {
                        if (keptAlive)
                        {
                            _lastUsed = Silo.TimeProvider.GetTimestamp();
                        }

                        _scheduled = false;
                        break;
                    }
                }

                budget--;
                if (item is ContinuationWorkItem)
                {
                    RunContinuation(item);
                }
                else
                {
                    keptAlive |= item.KeepsAlive;
                    RunTurn(item);
                }
            }
        }
        finally
        {
            SetSynchronizationContext(previousContext);
            t_running = previousRunning;
        }

        DeliverFinished();

        if (requeue)
        {
            if (keptAlive)
            {
                lock (this)
                {
                    _lastUsed = Silo.TimeProvider.GetTimestamp();
                }
            }

            Dispatch();
        }
    }

    // A dispatch needs no count of its own for "idle": every item it runs is counted until its
    // outcome is delivered, and delivery happens after the loop has let go of the activation.
    private void Dispatch() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);

    private void RunContinuation(WorkItem item)
    {
        try
        {
            item.Start(this);
        }
        catch (Exception error)
        {
            // Compiler-generated continuations never throw; a raw Post from grain code might.
            Silo.Logger.LogError(error, "A continuation posted to {GrainId} threw", Id);
        }
    }

    private void RunTurn(WorkItem item)
    {
        if (item is not LifecycleWorkItem)
        {
            MarkStatesTouched();
        }

        Task turn;
        try
        {
            turn = item.Start(this);
        }
        catch (Exception error)
        {
            turn = Task.FromException(error);
        }

        if (turn.IsCompleted)
        {
            FinishTurn(item, turn);
            return;
        }

        lock (this)
        {
            if (item.Interleaves)
            {
                _interleavedRunning++;
            }
            else
            {
                _blockingTurn = item;
            }
        }

        turn.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => OnAsyncTurnCompleted(item, turn));
    }

    // Runs on a thread-pool thread (the runtime does not inline continuations while a
    // synchronization context is current) or inline in this activation's run loop. The turn is
    // released before its work stops counting, so "idle" never sees a half-finished turn.
    private void OnAsyncTurnCompleted(WorkItem item, Task turn)
    {
        bool schedule;
        lock (this)
        {
            if (ReferenceEquals(_blockingTurn, item))
            {
                _blockingTurn = null;
            }
            else
            {
                _interleavedRunning--;
            }

            schedule = ScheduleIfRunnableLocked();
        }

        if (schedule)
        {
            Dispatch();
        }

        FinishTurn(item, turn);
    }

    // A finished turn stops counting as outstanding only after its outcome is delivered (a timer
    // re-arms, a wake-up is completed in its store), so "idle" means the effects are in place.
    private void FinishTurn(WorkItem item, Task turn)
    {
        var lifecycle = item is LifecycleWorkItem;
        if (!lifecycle && ReferenceEquals(t_running, this))
        {
            item.Outcome = turn;
            if (t_finishedTail is null)
            {
                t_finishedHead = item;
            }
            else
            {
                t_finishedTail.Next = item;
            }

            t_finishedTail = item;
            return;
        }

        Deliver(item, turn);
        if (!ReferenceEquals(item, LifecycleWorkItem.Activate))
        {
            Silo.WorkFinished();
        }
    }

    private void DeliverFinished()
    {
        var item = t_finishedHead;
        t_finishedHead = t_finishedTail = null;
        while (item is not null)
        {
            var next = item.Next;
            var turn = item.Outcome!;
            item.Next = null;
            item.Outcome = null;
            Deliver(item, turn);
            Silo.WorkFinished();
            item = next;
        }
    }

    // Delivers the outcome outside any activation's context: a caller's continuation that runs
    // inline must not capture a grain's context by accident.
    private void Deliver(WorkItem item, Task turn)
    {
        var context = Current;
        SetSynchronizationContext(null);
        try
        {
            item.Finish(this, turn);
        }
        catch (Exception error)
        {
            Silo.Logger.LogError(error, "Delivering the result of a turn of {GrainId} failed", Id);
        }
        finally
        {
            SetSynchronizationContext(context);
        }
    }

    private WorkItem? TakeNextLocked()
    {
        if (_continuationHead is { } continuation)
        {
            _continuationHead = continuation.Next;
            if (_continuationHead is null)
            {
                _continuationTail = null;
            }

            continuation.Next = null;
            return continuation;
        }

        switch (_status)
        {
            case ActivationStatus.Created when _head is not null || _pendingDeactivation is not null:
                _status = ActivationStatus.Activating;
                return LifecycleWorkItem.Activate;

            case ActivationStatus.Valid:
                if (_blockingTurn is not null)
                {
                    return _queuedInterleaving > 0 ? DequeueInterleavingLocked() : null;
                }

                if (_pendingDeactivation is { } reason && _interleavedRunning == 0)
                {
                    if (reason == DeactivationReason.IdleCollection && _head is not null)
                    {
                        // A call arrived after the collector chose this activation: it is not idle.
                        _pendingDeactivation = null;
                        Silo.WorkFinished();
                    }
                    else
                    {
                        _status = ActivationStatus.Deactivating;
                        return LifecycleWorkItem.Deactivate;
                    }
                }

                return _head is not null ? DequeueLocked() : null;

            default:
                return null;
        }
    }

    private WorkItem DequeueLocked()
    {
        var item = _head!;
        _head = item.Next;
        if (_head is null)
        {
            _tail = null;
        }

        item.Next = null;
        _queued--;
        if (item.Interleaves)
        {
            _queuedInterleaving--;
        }

        return item;
    }

    // An interleaving call may pass calls queued before it (as in Orleans); only counted ones are looked for.
    private WorkItem DequeueInterleavingLocked()
    {
        WorkItem? previous = null;
        var item = _head;
        while (item is { Interleaves: false })
        {
            previous = item;
            item = item.Next;
        }

        if (previous is null)
        {
            return DequeueLocked();
        }

        previous.Next = item!.Next;
        if (ReferenceEquals(_tail, item))
        {
            _tail = previous;
        }

        item.Next = null;
        _queued--;
        _queuedInterleaving--;
        return item;
    }

    private bool HasRunnableLocked() => _continuationHead is not null || _status switch
    {
        ActivationStatus.Created => _head is not null || _pendingDeactivation is not null,
        ActivationStatus.Valid when _blockingTurn is not null => _queuedInterleaving > 0,
        ActivationStatus.Valid => _head is not null || (_pendingDeactivation is not null && _interleavedRunning == 0),
        _ => false,
    };

    private bool ScheduleIfRunnableLocked()
    {
        if (_scheduled || !HasRunnableLocked())
        {
            return false;
        }

        _scheduled = true;
        return true;
    }

    // ---- lifecycle -------------------------------------------------------------------------

    internal async Task ActivateAsync()
    {
        t_constructing = this;
        try
        {
            Instance = Id.Type.Factory(new GrainCreationContext(this));
        }
        finally
        {
            t_constructing = null;
        }

        switch (_states)
        {
            case IActivationState single:
                await single.ReadStateAsync(CancellationToken.None);
                break;
            case List<IActivationState> many:
                foreach (var state in many)
                {
                    await state.ReadStateAsync(CancellationToken.None);
                }

                break;
        }

        await Instance.OnActivateAsync(CancellationToken.None);
    }

    internal void OnActivated(Task turn)
    {
        if (turn.IsCompletedSuccessfully)
        {
            bool schedule;
            lock (this)
            {
                _status = ActivationStatus.Valid;
                _lastUsed = Silo.TimeProvider.GetTimestamp();

                // An activation that finished asynchronously has calls waiting and no run loop.
                schedule = ScheduleIfRunnableLocked();
            }

            if (schedule)
            {
                Dispatch();
            }

            Silo.Metrics.ActivationCreated();
            return;
        }

        var error = TurnOutcome.ExceptionOf(turn);
        Silo.Logger.LogError(error, "Activation of {GrainId} failed", Id);
        DisposeTimers();
        var pending = CloseLocked();
        Silo.RemoveActivation(this);
        for (var item = pending; item is not null;)
        {
            var next = item.Next;
            item.Next = null;
            item.Fail(error);
            Silo.WorkFinished();
            item = next;
        }

        if (_pendingDeactivation is not null)
        {
            Silo.WorkFinished();
        }
    }

    internal async Task DeactivateAsync()
    {
        var reason = _pendingDeactivation ?? DeactivationReason.ApplicationRequested;
        DisposeTimers();
        try
        {
            await Instance!.OnDeactivateAsync(reason, CancellationToken.None);
        }
        catch (Exception error)
        {
            Silo.Logger.LogError(error, "OnDeactivateAsync of {GrainId} failed", Id);
        }

        foreach (var state in States())
        {
            if (!state.Touched)
            {
                continue;
            }

            try
            {
                await state.WriteStateAsync(CancellationToken.None);
            }
            catch (Exception error)
            {
                Silo.Logger.LogError(error, "Writing the state of {GrainId} at deactivation failed", Id);
            }
        }
    }

    internal void OnDeactivated(Task turn)
    {
        // Calls that arrived during the last turn go to a successor, which reads the state this
        // one just wrote. It takes the queue as it stands, before any later call can reach it.
        Activation? successor = null;
        lock (this)
        {
            _status = ActivationStatus.Invalid;
            if (_head is not null)
            {
                successor = new Activation(Silo, Id);
                successor.TakeQueue(_head, _tail!, _queued, _queuedInterleaving);
                _successor = successor;
                _head = _tail = null;
                _queued = 0;
                _queuedInterleaving = 0;
            }
        }

        if (successor is null)
        {
            Silo.RemoveActivation(this);
        }
        else
        {
            Silo.ReplaceActivation(this, successor);
        }

        Silo.Metrics.ActivationCollected();
        Instance = null;
        _states = null;
        successor?.ScheduleQueued();
    }

    private void TakeQueue(WorkItem head, WorkItem tail, int queued, int queuedInterleaving)
    {
        lock (this)
        {
            _head = head;
            _tail = tail;
            _queued = queued;
            _queuedInterleaving = queuedInterleaving;
        }
    }

    private void ScheduleQueued()
    {
        bool schedule;
        lock (this)
        {
            schedule = ScheduleIfRunnableLocked();
        }

        if (schedule)
        {
            Dispatch();
        }
    }

    private WorkItem? CloseLocked()
    {
        lock (this)
        {
            _status = ActivationStatus.Invalid;
            var pending = _head;
            _head = _tail = null;
            _queued = 0;
            _queuedInterleaving = 0;
            return pending;
        }
    }

    /// <summary>Asks for deactivation after the current turn (grain request or silo shutdown).</summary>
    internal void RequestDeactivation(DeactivationReason reason)
    {
        bool schedule;
        lock (this)
        {
            if (_status is ActivationStatus.Deactivating or ActivationStatus.Invalid || _pendingDeactivation is not null)
            {
                return;
            }

            _pendingDeactivation = reason;
            Silo.WorkStarted();
            schedule = ScheduleIfRunnableLocked();
        }

        if (schedule)
        {
            Dispatch();
        }
    }

    /// <summary>
    /// Starts idle deactivation if nothing ran for <paramref name="age"/>. Returns the timestamp
    /// of the last use when the activation stays (for the collector's next sweep), or null.
    /// </summary>
    internal long? TryCollect(long now, TimeSpan age)
    {
        lock (this)
        {
            if (_status != ActivationStatus.Valid || _scheduled || _head is not null || _blockingTurn is not null
                || _interleavedRunning > 0 || _pendingDeactivation is not null)
            {
                return now;
            }

            if (Silo.TimeProvider.GetElapsedTime(_lastUsed, now) < age)
            {
                return _lastUsed;
            }

            _pendingDeactivation = DeactivationReason.IdleCollection;
            Silo.WorkStarted();
            _scheduled = true;
        }

        Dispatch();
        return null;
    }

    /// <summary>A crash: the activation stops without its last turn, as if the process died.</summary>
    internal void Abandon()
    {
        DisposeTimers();
        CloseLocked();
    }

    // ---- state and timers ------------------------------------------------------------------

    internal void AttachState(IActivationState state)
    {
        _states = _states switch
        {
            null => state,
            IActivationState first => new List<IActivationState> { first, state },
            List<IActivationState> many => Add(many, state),
            _ => throw new InvalidOperationException("Unexpected state holder."),
        };

        static List<IActivationState> Add(List<IActivationState> list, IActivationState item)
        {
            list.Add(item);
            return list;
        }
    }

    private IEnumerable<IActivationState> States() => _states switch
    {
        IActivationState single => [single],
        List<IActivationState> many => many,
        _ => [],
    };

    private void MarkStatesTouched()
    {
        switch (_states)
        {
            case null:
                return;
            case IActivationState single:
                single.Touched = true;
                return;
            case List<IActivationState> many:
                foreach (var state in many)
                {
                    state.Touched = true;
                }

                return;
        }
    }

    internal IGrainTimer RegisterTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer<TState>(this, callback, state);
        lock (this)
        {
            if (_status is ActivationStatus.Deactivating or ActivationStatus.Invalid)
            {
                throw new InvalidOperationException($"{Id} is deactivating; it cannot register timers.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    internal void RemoveTimer(IDisposable timer)
    {
        lock (this)
        {
            if (_timers is not null && _timers.Remove(timer) && _timers.Count == 0)
            {
                _timers = null;
            }
        }
    }

    private void DisposeTimers()
    {
        List<IDisposable>? timers;
        lock (this)
        {
            timers = _timers;
            _timers = null;
        }

        if (timers is null)
        {
            return;
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }
}
