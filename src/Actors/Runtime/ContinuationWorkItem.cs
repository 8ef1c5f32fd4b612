namespace CustomerSuccess.Actors.Runtime;

/// <summary>The rest of a running turn after an await, posted to the activation's synchronization context.</summary>
internal sealed class ContinuationWorkItem(SendOrPostCallback callback, object? state) : WorkItem
{
    internal override bool Interleaves => true;

    internal override bool KeepsAlive => false;

    internal override Task Start(Activation activation)
    {
        callback(state);
        return Task.CompletedTask;
    }

    internal override void Finish(Activation activation, Task turn)
    {
    }

    internal override void Fail(Exception error)
    {
    }
}
