using System.Text;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Actors.WakeUps;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tasks;
using CustomerSuccess.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Scenarios;

/// <summary>
/// What an evaluation writes besides the state: the task list, the portfolio partition and the
/// wake-up. They are independent, so a turn sends them together and waits for all of them.
/// </summary>
public sealed class EvaluationWritesTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_turn_sets_its_wake_up_while_its_task_write_is_still_in_flight()
    {
        var projection = new GatedProjection();
        var wakeUps = new SignallingWakeUpStore("c-1");
        await using var cluster = await CustomerSuccessCluster.StartAsync(services: s => s.AddSingleton<ITaskProjection>(projection), wakeUps: wakeUps);

        // An NPS of 3 opens a detractor task (a task write); an unanswered email sets the
        // awaiting-reply deadline (a wake-up).
        var applying = cluster.Customer("c-1").ApplyLoggedAsync(
        [
            new(1, Inbound("c-1", "e-1", cluster.Now, Channel.Email)),
            new(2, Survey("c-1", "s-1", cluster.Now, TouchpointType.SurveyNps, 3)),
        ]);
        try
        {
            var dueAt = await wakeUps.FirstSet.Task.WaitAsync(Guard);
            Assert.NotNull(dueAt);
            Assert.True(dueAt > cluster.Now);
            Assert.False(applying.IsCompleted, "the turn must still wait for its task write");
            Assert.Contains(projection.Upserted, t => t.Rule == RuleId.Detractor);
        }
        finally
        {
            // Else the blocked turn would hold up the silo's stop.
            projection.Release.TrySetResult();
        }

        Assert.Equal(2, (await applying.WaitAsync(Guard)).Applied);
    }

    [Fact]
    public async Task After_a_failed_task_write_the_next_evaluation_sends_the_customers_tasks_again()
    {
        var projection = new GatedProjection { KeepsEveryCompletedWrite = true, FailFirstUpsert = true };
        projection.Release.SetResult();
        await using var cluster = await CustomerSuccessCluster.StartAsync(services: s => s.AddSingleton<ITaskProjection>(projection));
        var customer = cluster.Customer("c-1");

        // A new customer sends only its changes; here the upsert of its new task fails.
        await Assert.ThrowsAsync<InvalidOperationException>(() => customer.ApplyLoggedAsync([new(1, Survey("c-1", "s-1", cluster.Now, TouchpointType.SurveyNps, 3))]));
        Assert.Empty(projection.Synced);

        // A later event that changes no task: only a re-sync brings the lost task to the list.
        await customer.ApplyLoggedAsync([new(2, Usage("c-1", "u-1", cluster.Now.AddMinutes(1)))]);

        Assert.Single(projection.Synced);
        Assert.Contains(projection.Synced[0], t => t.Rule == RuleId.Detractor && t.IsLive);

        // The list is current again: the next evaluation sends only what changes.
        await customer.ApplyLoggedAsync([new(3, Usage("c-1", "u-2", cluster.Now.AddMinutes(2)))]);
        Assert.Single(projection.Synced);
    }

    [Fact]
    public async Task A_task_list_that_keeps_every_completed_write_is_not_re_synced_by_activations()
    {
        var durable = new GatedProjection { KeepsEveryCompletedWrite = true };
        var boards = new GatedProjection();
        durable.Release.SetResult();
        boards.Release.SetResult();
        foreach (var projection in new[] { durable, boards })
        {
            await using var cluster = await CustomerSuccessCluster.StartAsync(services: s => s.AddSingleton<ITaskProjection>(projection));
            await cluster.Customer("c-1").ApplyLoggedAsync([new(1, Survey("c-1", "s-1", cluster.Now, TouchpointType.SurveyNps, 3))]);
            await cluster.RestartAsync();
            await cluster.Customer("c-1").ApplyLoggedAsync([new(2, Usage("c-1", "u-1", cluster.Now.AddMinutes(1)))]);

            // A crash after a checkpoint: the stored state still says the list took every change.
            await cluster.Customer("c-1").CheckpointAsync();
            await cluster.KillAndRestartAsync();
            await cluster.Customer("c-1").ApplyLoggedAsync([new(3, Usage("c-1", "u-2", cluster.Now.AddMinutes(2)))]);
        }

        // Boards (whose writes are not durable when they complete) are re-synced by every activation.
        Assert.Empty(durable.Synced);
        Assert.Equal(3, boards.Synced.Count);
        Assert.Contains(boards.Synced[^1], t => t.Rule == RuleId.Detractor);
    }

    [Fact]
    public async Task A_state_stored_before_the_flag_existed_re_syncs_its_task_list_once()
    {
        var projection = new GatedProjection { KeepsEveryCompletedWrite = true };
        projection.Release.SetResult();
        await using var cluster = await CustomerSuccessCluster.StartAsync(services: s => s.AddSingleton<ITaskProjection>(projection));
        await cluster.Customer("c-1").ApplyLoggedAsync([new(1, Survey("c-1", "s-1", cluster.Now, TouchpointType.SurveyNps, 3))]);
        await cluster.Customer("c-1").CheckpointAsync();
        await cluster.KillAndRestartAsync();

        // The same state as an earlier version stored it: without the flag.
        var key = new GrainStateKey("customer", "c-1", "customer");
        var stored = (await cluster.Storage.ReadAsync(key, default))!;
        var json = Encoding.UTF8.GetString(stored.Json);
        Assert.Contains("\"taskListCurrent\":true", json);
        await cluster.Storage.WriteAsync(key, Encoding.UTF8.GetBytes(json.Replace(",\"taskListCurrent\":true", "").Replace("\"taskListCurrent\":true,", "")), stored.Etag, default);

        await cluster.Customer("c-1").ApplyLoggedAsync([new(2, Usage("c-1", "u-1", cluster.Now.AddMinutes(1)))]);
        await cluster.Customer("c-1").CheckpointAsync();
        await cluster.KillAndRestartAsync();
        await cluster.Customer("c-1").ApplyLoggedAsync([new(3, Usage("c-1", "u-2", cluster.Now.AddMinutes(2)))]);

        Assert.Single(projection.Synced);
        Assert.Contains(projection.Synced[0], t => t.Rule == RuleId.Detractor && t.IsLive);
    }

    [Fact]
    public async Task A_failed_task_write_stored_with_the_state_makes_the_next_activation_re_sync_once()
    {
        var projection = new GatedProjection { KeepsEveryCompletedWrite = true, FailFirstUpsert = true };
        projection.Release.SetResult();
        await using var cluster = await CustomerSuccessCluster.StartAsync(services: s => s.AddSingleton<ITaskProjection>(projection));

        await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Customer("c-1").ApplyLoggedAsync([new(1, Survey("c-1", "s-1", cluster.Now, TouchpointType.SurveyNps, 3))]));
        await cluster.Customer("c-1").CheckpointAsync();
        await cluster.KillAndRestartAsync();
        var syncsBefore = projection.Synced.Count;

        // The stored state says its task list may be behind: the new activation sends every task.
        await cluster.Customer("c-1").ApplyLoggedAsync([new(2, Usage("c-1", "u-1", cluster.Now.AddMinutes(1)))]);
        Assert.Equal(syncsBefore + 1, projection.Synced.Count);
        Assert.Contains(projection.Synced[^1], t => t.Rule == RuleId.Detractor && t.IsLive);

        // Once the list took them all, the state says so and later activations trust it again.
        await cluster.Customer("c-1").CheckpointAsync();
        await cluster.KillAndRestartAsync();
        await cluster.Customer("c-1").ApplyLoggedAsync([new(3, Usage("c-1", "u-2", cluster.Now.AddMinutes(2)))]);
        Assert.Equal(syncsBefore + 1, projection.Synced.Count);
    }

    /// <summary>Records what it is sent; its upserts complete when the test releases them.</summary>
    private sealed class GatedProjection : ITaskProjection
    {
        private readonly Lock _gate = new();

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool FailFirstUpsert { get; init; }

        public bool KeepsEveryCompletedWrite { get; init; }

        public List<OutreachTask> Upserted { get; } = [];

        public List<IReadOnlyList<OutreachTask>> Synced { get; } = [];

        public Task UpsertAsync(IReadOnlyList<OutreachTask> tasks)
        {
            lock (_gate)
            {
                var first = Upserted.Count == 0;
                Upserted.AddRange(tasks);
                if (first && FailFirstUpsert)
                {
                    return Task.FromException(new InvalidOperationException("The task list is unreachable."));
                }
            }

            return Release.Task;
        }

        public Task SyncCustomerAsync(string customerId, string? ownerId, IReadOnlyList<OutreachTask> tasks)
        {
            lock (_gate)
            {
                Synced.Add([.. tasks]);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>A memory wake-up store that reports the first due time set (or cleared) for one grain key.</summary>
    private sealed class SignallingWakeUpStore(string grainKey) : IWakeUpStore
    {
        private readonly MemoryWakeUpStore _inner = new();

        public TaskCompletionSource<DateTimeOffset?> FirstSet { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task SetAsync(WakeUpKey key, DateTimeOffset? dueAt, CancellationToken cancellationToken)
        {
            await _inner.SetAsync(key, dueAt, cancellationToken);
            if (key.GrainKey == grainKey)
            {
                FirstSet.TrySetResult(dueAt);
            }
        }

        public Task<IReadOnlyList<DueWakeUp>> ClaimDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => _inner.ClaimDueAsync(now, max, cancellationToken);

        public Task CompleteAsync(DueWakeUp wakeUp, DateTimeOffset? retryAt, CancellationToken cancellationToken) => _inner.CompleteAsync(wakeUp, retryAt, cancellationToken);

        public Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken) => _inner.GetNextDueAsync(cancellationToken);

        public Task ReleaseClaimsAsync(CancellationToken cancellationToken) => _inner.ReleaseClaimsAsync(cancellationToken);
    }
}
