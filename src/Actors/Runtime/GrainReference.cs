namespace CustomerSuccess.Actors.Runtime;

/// <summary>
/// Base of the generated reference classes. A reference remembers the activation it last reached,
/// so a call costs no directory lookup until that activation goes away.
/// </summary>
public abstract class GrainReference
{
    private readonly SiloRuntime _silo;
    private Activation? _activation;

    protected GrainReference(GrainId grainId, SiloRuntime silo)
    {
        GrainId = grainId;
        _silo = silo;
    }

    public GrainId GrainId { get; }

    protected Task<TResult> InvokeAsync<TGrain, TArgs, TResult>(Func<TGrain, TArgs, Task<TResult>> method, TArgs args, bool interleaves)
        where TGrain : class
    {
        var call = new CallWorkItem<TGrain, TArgs, TResult>(method, args, interleaves);
        Send(call);
        return call.Task;
    }

    protected Task InvokeAsync<TGrain, TArgs>(Func<TGrain, TArgs, Task> method, TArgs args, bool interleaves)
        where TGrain : class
    {
        var call = new CallWorkItem<TGrain, TArgs>(method, args, interleaves);
        Send(call);
        return call.Task;
    }

    private void Send(WorkItem call)
    {
        _silo.CallAccepted();
        var activation = _activation;
        if (activation is null || !activation.TryEnqueue(call))
        {
            _activation = _silo.Route(GrainId, call);
        }
    }

    public override bool Equals(object? obj) => obj is GrainReference other && other.GrainId == GrainId;

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => GrainId.ToString();
}
