using System.Runtime.CompilerServices;

namespace CustomerSuccess.Actors.Runtime;

/// <summary>A call that returns a value. The builder gives the caller its task without a TaskCompletionSource.</summary>
internal sealed class CallWorkItem<TGrain, TArgs, TResult> : WorkItem where TGrain : class
{
    private readonly Func<TGrain, TArgs, Task<TResult>> _method;
    private readonly TArgs _args;
    private readonly bool _interleaves;
    private AsyncTaskMethodBuilder<TResult> _result;

    public CallWorkItem(Func<TGrain, TArgs, Task<TResult>> method, TArgs args, bool interleaves)
    {
        _method = method;
        _args = args;
        _interleaves = interleaves;
        _result = AsyncTaskMethodBuilder<TResult>.Create();
        // The builder is not thread-safe: materialise the task before the item is published.
        Task = _result.Task;
    }

    public Task<TResult> Task { get; }

    internal override bool Interleaves => _interleaves;

    internal override Task Start(Activation activation) => _method(Unsafe.As<TGrain>(activation.Instance!), _args);

    internal override void Finish(Activation activation, Task turn)
    {
        if (turn.IsCompletedSuccessfully)
        {
            _result.SetResult(((Task<TResult>)turn).Result);
        }
        else
        {
            _result.SetException(TurnOutcome.ExceptionOf(turn));
        }
    }

    internal override void Fail(Exception error) => _result.SetException(error);
}

/// <summary>A call that returns no value.</summary>
internal sealed class CallWorkItem<TGrain, TArgs> : WorkItem where TGrain : class
{
    private readonly Func<TGrain, TArgs, Task> _method;
    private readonly TArgs _args;
    private readonly bool _interleaves;
    private AsyncTaskMethodBuilder _result;

    public CallWorkItem(Func<TGrain, TArgs, Task> method, TArgs args, bool interleaves)
    {
        _method = method;
        _args = args;
        _interleaves = interleaves;
        _result = AsyncTaskMethodBuilder.Create();
        Task = _result.Task;
    }

    public Task Task { get; }

    internal override bool Interleaves => _interleaves;

    internal override Task Start(Activation activation) => _method(Unsafe.As<TGrain>(activation.Instance!), _args);

    internal override void Finish(Activation activation, Task turn)
    {
        if (turn.IsCompletedSuccessfully)
        {
            _result.SetResult();
        }
        else
        {
            _result.SetException(TurnOutcome.ExceptionOf(turn));
        }
    }

    internal override void Fail(Exception error) => _result.SetException(error);
}
