using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Tasks;

/// <summary>
/// Where task changes are projected for querying across owners (the tasks table in PostgreSQL
/// mode). Every change reaches the task boards, so the boards feed it. Upserts are idempotent:
/// replaying a change never duplicates a task, and an older version never overwrites a newer one.
/// </summary>
public interface ITaskProjection
{
    Task UpsertAsync(IReadOnlyList<OutreachTask> tasks);
}

/// <summary>Memory mode: the boards themselves are the only task lists.</summary>
public sealed class NoTaskProjection : ITaskProjection
{
    public static NoTaskProjection Instance { get; } = new();

    public Task UpsertAsync(IReadOnlyList<OutreachTask> tasks) => Task.CompletedTask;
}
