using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Portfolio;
using CustomerSuccess.Grains.Tasks;

namespace CustomerSuccess.Grains.Customers;

/// <summary>
/// Hosts one customer's <see cref="CustomerModel"/>. A call that changed the state writes it before
/// returning (a direct batch, a profile update, a task action, a deadline), so a crash loses nothing
/// that was acknowledged — except events applied from the event log, which are durable in the log:
/// those are written when the log checkpointer asks, and replayed by position after a crash. Other
/// grains hear from it only when something they show changed.
/// </summary>
public sealed class CustomerGrain(IPersistentState<CustomerState> state, RuleSettings rules, HealthSettings health, StateLimits limits, ITaskProjection tasks)
    : Grain, ICustomerGrain, IWakeUpReceiver
{
    private CustomerModel _model = null!;

    // What the portfolio partition and the owner's task list last heard from this activation. Kept in
    // memory, not state: the first evaluation of every activation re-sends both, which repairs a
    // partition or list that lost its latest changes in a crash (the task list only where a crash can
    // lose them, see OnActivateAsync).
    private PortfolioEntry? _reported;
    private bool _tasksSynced;

    // An entry sent to the partition since this activation last asked it to write: a state written
    // outside a checkpoint is not replayed after a crash, so its entry must not live only in the
    // partition's memory.
    private bool _entrySent;

    // The wake-up is likewise set at least once per activation: a crash between storing the wake-up
    // and writing the state can leave the stored WakeUpAt out of step with the wake-up store.
    private bool _wakeUpSynced;

    // Events applied from the log are durable there; the state is written when the checkpointer asks.
    private bool _unsaved;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _model = new CustomerModel(GetPrimaryKeyString(), state.State, rules, health, limits);

        // A list that keeps every completed write is never behind a stored state that says it took
        // all of its task changes, nor behind a state never stored (there is nothing a sync could
        // send that the next evaluation does not); a replay after a restart then activates customers
        // without reading back every task they have.
        _tasksSynced = tasks.KeepsEveryCompletedWrite && (state.State.TaskListCurrent || !state.RecordExists);
        return Task.CompletedTask;
    }

    public async Task<ApplyResult> ApplyAsync(IReadOnlyList<TouchpointEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var result = await ApplyCoreAsync(LoggedTouchpoint.Unlogged(events), fromLog: false);
        if (result.Applied > 0)
        {
            await SaveAsync();
        }

        return result;
    }

    public Task<ApplyResult> ApplyLoggedAsync(IReadOnlyList<LoggedTouchpoint> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return ApplyCoreAsync(events, fromLog: true);
    }

    private async Task<ApplyResult> ApplyCoreAsync(IReadOnlyList<LoggedTouchpoint> events, bool fromLog)
    {
        // Refuse the whole batch before applying any of it.
        // Indexed loops: a foreach over the interface would allocate an enumerator per pass, per batch.
        var customerId = GetPrimaryKeyString();
        var previous = 0L;
        for (var i = 0; i < events.Count; i++)
        {
            var logged = events[i];
            var e = logged.Event;
            if (e is null || string.IsNullOrEmpty(e.Id) || e.CustomerId != customerId)
            {
                throw new ArgumentException($"Every event needs an id and customer id '{customerId}'.", nameof(events));
            }

            if (logged.IsLogged)
            {
                // Skipping by position is exact only if positions arrive in log order.
                if (logged.Position <= previous)
                {
                    throw new ArgumentException("Logged events must come in increasing log position.", nameof(events));
                }

                previous = logged.Position;
            }
        }

        var applied = 0;
        TouchpointEvent? newest = null;
        for (var i = 0; i < events.Count; i++)
        {
            var logged = events[i];
            bool folded;
            if (logged.IsLogged)
            {
                if (logged.Position <= state.State.LogPosition)
                {
                    continue;
                }

                state.State.LogPosition = logged.Position;
                _unsaved = true;
                _model.ApplyFromLog(logged.Event);
                folded = true;
            }
            else
            {
                folded = _model.Apply(logged.Event);
            }

            if (folded)
            {
                applied++;
                if (newest is null || logged.Event.OccurredAt >= newest.OccurredAt)
                {
                    newest = logged.Event;
                }
            }
        }

        if (newest is not null)
        {
            // The cause is the newest event, written out only if the score changes.
            state.State.TaskListCurrent = false;
            await EvaluateAsync(_model.Evaluate(TimeProvider.GetUtcNow(), newest), keepEarlierWakeUp: fromLog);
            _unsaved = true;
        }

        return new ApplyResult(applied, events.Count - applied);
    }

    // The checkpointer has the partitions write before it stores its watermark.
    public Task CheckpointAsync() => _unsaved ? WriteStateAsync() : Task.CompletedTask;

    public async Task SetProfileAsync(CustomerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var previousOwner = state.State.Profile.OwnerId;
        state.State.TaskListCurrent = false;
        _model.SetProfile(profile, TimeProvider.GetUtcNow());
        if (previousOwner != profile.OwnerId && state.State.Tasks.Live.Count > 0)
        {
            // The rows move to the new owner before the final save: stored first, the new owner and
            // the cleared flag make a restart in between re-sync the rows to whichever owner it holds.
            await SaveAsync();
            await TaskWriteAsync(tasks.SyncCustomerAsync(_model.CustomerId, previousOwner, []));
            await TaskWriteAsync(tasks.SyncCustomerAsync(_model.CustomerId, profile.OwnerId, [.. state.State.Tasks.Live]));
        }

        await EvaluateAndSaveAsync("profile updated");
    }

    public Task<CustomerProfile> GetProfileAsync() => Task.FromResult(state.State.Profile);

    public Task<HealthSnapshot> GetHealthAsync() => Task.FromResult(_model.Health());

    public Task<IReadOnlyList<ScoreChange>> GetScoreHistoryAsync() =>
        Task.FromResult<IReadOnlyList<ScoreChange>>([.. state.State.Health.History]);

    public Task<IReadOnlyList<IssueLedger>> GetOpenIssuesAsync() => Task.FromResult(_model.OpenIssues(TimeProvider.GetUtcNow()));

    public Task<TimelinePage> GetTimelineAsync(int skip = 0, int take = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var timeline = state.State.Timeline;
        var page = timeline.Page(skip, take);
        return Task.FromResult(new TimelinePage(page, timeline.Count));
    }

    public Task<IReadOnlyList<OutreachTask>> GetTasksAsync() => Task.FromResult(_model.Tasks());

    public Task<OutreachTask> CompleteTaskAsync(string taskId, string outcome, string? note = null) =>
        ActAsync(now => _model.CompleteTask(taskId, outcome, note, now), $"task {taskId} done");

    public Task<OutreachTask> SnoozeTaskAsync(string taskId, DateTimeOffset until) =>
        ActAsync(now => _model.SnoozeTask(taskId, until, now), $"task {taskId} snoozed");

    public Task<OutreachTask> DismissTaskAsync(string taskId, string reason) =>
        ActAsync(now => _model.DismissTask(taskId, reason, now), $"task {taskId} dismissed");

    public async Task ReceiveWakeUpAsync(DateTimeOffset dueAt)
    {
        // The store drops a delivered wake-up, so the next one must be set again.
        var reason = state.State.WakeUpReason;
        state.State.WakeUpAt = null;
        if (state.State.NextDeadline is { } next && next > TimeProvider.GetUtcNow())
        {
            // A wake-up kept from before the deadline moved later: nothing is due, so nothing is
            // evaluated (an extra evaluation would re-score health at a moment no rule asked for).
            await SetWakeUpAsync(next);
            state.State.WakeUpAt = next;
            await SaveAsync();
            return;
        }

        await EvaluateAndSaveAsync($"deadline {dueAt:u} ({reason ?? "scheduled"})");
    }

    private async Task<OutreachTask> ActAsync(Func<DateTimeOffset, OutreachTask> action, string cause)
    {
        state.State.TaskListCurrent = false;
        var task = action(TimeProvider.GetUtcNow());
        await TaskWriteAsync(tasks.UpsertAsync([task]));
        await EvaluateAndSaveAsync(cause);
        return task;
    }

    private async Task EvaluateAndSaveAsync(string cause)
    {
        state.State.TaskListCurrent = false;
        await EvaluateAsync(_model.Evaluate(TimeProvider.GetUtcNow(), cause));
        await SaveAsync();
    }

    private async Task SaveAsync()
    {
        await WriteStateAsync();
        if (_entrySent)
        {
            _entrySent = false;
            await Partition.SaveAsync();
        }
    }

    private IPortfolioPartitionGrain Partition => GrainFactory.GetGrain<IPortfolioPartitionGrain>(PortfolioPartitions.KeyOf(_model.CustomerId));

    private async Task WriteStateAsync()
    {
        await state.WriteStateAsync();
        _unsaved = false;
    }

    // The task list, the portfolio partition and the wake-up store are independent of one another,
    // so their writes go out together: a turn waits for the slowest round trip, not for their sum
    // (an ingested batch is acknowledged only once every customer's turn is done).
    private Task EvaluateAsync(in Evaluation evaluation, bool keepEarlierWakeUp = false)
    {
        var storedWakeUp = state.State.WakeUpAt;
        var taskWrite = WriteTasksAsync(evaluation.ChangedTasks);
        var portfolioWrite = ReportPortfolioAsync();
        var wakeUpWrite = ArmWakeUpAsync(evaluation, keepEarlierWakeUp);
        if (taskWrite.IsCompletedSuccessfully && portfolioWrite.IsCompletedSuccessfully && wakeUpWrite.IsCompletedSuccessfully)
        {
            state.State.TaskListCurrent = true;
            return Task.CompletedTask;
        }

        return AwaitWritesAsync(taskWrite, portfolioWrite, wakeUpWrite, storedWakeUp);
    }

    private async Task AwaitWritesAsync(Task taskWrite, Task portfolioWrite, Task wakeUpWrite, DateTimeOffset? storedWakeUp)
    {
        try
        {
            await Task.WhenAll(taskWrite, portfolioWrite, wakeUpWrite);
        }
        catch
        {
            // What did not reach its store is sent again by the next evaluation, as by the first one
            // of an activation. The task list stays marked as not current until then.
            _tasksSynced &= taskWrite.IsCompletedSuccessfully;
            if (!portfolioWrite.IsCompletedSuccessfully)
            {
                _reported = null;
            }

            if (!wakeUpWrite.IsCompletedSuccessfully)
            {
                _wakeUpSynced = false;
                state.State.WakeUpAt = storedWakeUp;
            }

            throw;
        }

        state.State.TaskListCurrent = true;
    }

    // A task action's or an owner change's write; after a failure the next evaluation re-syncs.
    private async Task TaskWriteAsync(Task write)
    {
        try
        {
            await write;
        }
        catch
        {
            _tasksSynced = false;
            throw;
        }
    }

    private Task WriteTasksAsync(IReadOnlyList<OutreachTask> changed)
    {
        // Both go into the task list's queue together. The re-sync already holds the change (the same
        // versions), so whichever of them commits last leaves the same rows.
        var sync = _tasksSynced
            ? Task.CompletedTask
            : tasks.SyncCustomerAsync(_model.CustomerId, state.State.Profile.OwnerId, [.. state.State.Tasks.Live, .. state.State.Tasks.Closed]);
        var upsert = changed.Count > 0 ? tasks.UpsertAsync(changed) : Task.CompletedTask;
        _tasksSynced = true;
        return sync.IsCompletedSuccessfully ? upsert : upsert.IsCompletedSuccessfully ? sync : Task.WhenAll(sync, upsert);
    }

    private Task ReportPortfolioAsync()
    {
        if (_model.PortfolioEntryIs(_reported))
        {
            return Task.CompletedTask;
        }

        var entry = _model.PortfolioEntry();
        var update = Partition.UpdateAsync(entry);
        _reported = entry;
        _entrySent = true;
        return update;
    }

    private Task ArmWakeUpAsync(in Evaluation evaluation, bool keepEarlierWakeUp)
    {
        var stored = state.State.WakeUpAt;
        var next = evaluation.NextDeadline;
        state.State.NextDeadline = next;
        state.State.WakeUpReason = evaluation.NextDeadlineReason;

        // A stored wake-up earlier than the next deadline only re-arms when it fires (see
        // ReceiveWakeUpAsync), so events from the log, most of which move a deadline later
        // (gone-quiet, awaiting-reply), leave it be and spare a wake-up write each.
        var earlyIsFine = keepEarlierWakeUp && stored is { } at && next is { } n && n > at;
        if (earlyIsFine && !_wakeUpSynced)
        {
            // The first evaluation of an activation re-asserts the stored wake-up rather than moving
            // it: the store nearly always holds it already, and then writes nothing (a replay
            // activates every customer it touches).
            _wakeUpSynced = true;
            return SetWakeUpAsync(stored);
        }

        if (!earlyIsFine && (!_wakeUpSynced || next != stored))
        {
            state.State.WakeUpAt = next;
            _wakeUpSynced = true;
            return SetWakeUpAsync(next);
        }

        return Task.CompletedTask;
    }
}
