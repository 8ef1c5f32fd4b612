namespace CustomerSuccess.Actors.Runtime;

internal static class TurnOutcome
{
    /// <summary>The exception a caller should see for a failed or cancelled turn: the grain's own, unwrapped.</summary>
    public static Exception ExceptionOf(Task turn)
    {
        if (turn.IsCanceled)
        {
            return new TaskCanceledException(turn);
        }

        var aggregate = turn.Exception!;
        return aggregate.InnerExceptions.Count == 1 ? aggregate.InnerExceptions[0] : aggregate;
    }
}
