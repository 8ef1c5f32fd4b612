namespace CustomerSuccess.Actors.Tests.TestGrains;

public sealed class CounterState
{
    public int Count { get; set; }

    public string? LastNote { get; set; }
}
