using System.Collections.Concurrent;
using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Persistence;

namespace CustomerSuccess.Silo.Tests.Postgres;

/// <summary>A grain that keeps notes in persistent state and can set a wake-up: runtime-on-PostgreSQL tests.</summary>
public interface INoteGrain : IGrainWithStringKey
{
    Task AddAsync(string note, bool save);

    Task<IReadOnlyList<string>> GetAsync();

    Task RemindAtAsync(DateTimeOffset dueAt);
}

public sealed class NoteState
{
    public List<string> Notes { get; set; } = [];
}

public sealed class NoteGrain(IPersistentState<NoteState> state, ConcurrentQueue<string> reminders) : Grain, INoteGrain, IWakeUpReceiver
{
    public async Task AddAsync(string note, bool save)
    {
        state.State.Notes.Add(note);
        if (save)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> GetAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.Notes);

    public Task RemindAtAsync(DateTimeOffset dueAt) => SetWakeUpAsync(dueAt);

    public Task ReceiveWakeUpAsync(DateTimeOffset dueAt)
    {
        reminders.Enqueue($"{GetPrimaryKeyString()}:{dueAt:O}@{TimeProvider.GetUtcNow():O}");
        return Task.CompletedTask;
    }
}
