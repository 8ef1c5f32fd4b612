namespace CustomerSuccess.Actors.Runtime;

/// <summary>
/// One unit of work for an activation: a call, a timer tick, a wake-up, a continuation of a
/// running turn, or the activation's own activate/deactivate step. Work items link into the
/// activation's queues themselves, so an idle activation owns no queue object at all.
/// </summary>
internal abstract class WorkItem
{
    /// <summary>The next item in whichever queue holds this one.</summary>
    internal WorkItem? Next;

    /// <summary>The finished turn, while its result waits to be delivered after the run loop.</summary>
    internal Task? Outcome;

    /// <summary>May run while a non-interleaving turn of the activation is awaiting.</summary>
    internal virtual bool Interleaves => false;

    /// <summary>Whether running it resets the activation's idle clock (timer ticks do not).</summary>
    internal virtual bool KeepsAlive => true;

    /// <summary>Starts the turn on the activation's context and returns its task.</summary>
    internal abstract Task Start(Activation activation);

    /// <summary>Delivers the outcome of the turn. Runs outside the activation's context.</summary>
    internal abstract void Finish(Activation activation, Task turn);

    /// <summary>The item will never run (activation failed, silo stopping).</summary>
    internal abstract void Fail(Exception error);
}
