namespace CustomerSuccess.Actors;

/// <summary>A grain timer: its ticks run as turns of the activation and it dies with the activation.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes the due time and period; <see cref="Timeout.InfiniteTimeSpan"/> stops it.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
