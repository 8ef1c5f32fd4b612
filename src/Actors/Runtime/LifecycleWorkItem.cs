namespace CustomerSuccess.Actors.Runtime;

/// <summary>The activation's first turn (load state, OnActivateAsync) and last turn (OnDeactivateAsync, write state).</summary>
internal sealed class LifecycleWorkItem : WorkItem
{
    public static readonly LifecycleWorkItem Activate = new(activating: true);
    public static readonly LifecycleWorkItem Deactivate = new(activating: false);

    private readonly bool _activating;

    private LifecycleWorkItem(bool activating) => _activating = activating;

    internal override Task Start(Activation activation) =>
        _activating ? activation.ActivateAsync() : activation.DeactivateAsync();

    internal override void Finish(Activation activation, Task turn)
    {
        if (_activating)
        {
            activation.OnActivated(turn);
        }
        else
        {
            activation.OnDeactivated(turn);
        }
    }

    internal override void Fail(Exception error)
    {
    }
}
