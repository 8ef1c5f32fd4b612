using CustomerSuccess.Silo.Storage.Postgres;

namespace CustomerSuccess.Silo.Tests.Postgres;

public sealed class GroupCommitQueueTests
{
    private sealed class Rows(int count) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), IGroupCommitItem
    {
        public int Count { get; } = count;

        public void Fail(Exception error) => TrySetException(error);
    }

    [Fact]
    public async Task A_batch_bounded_by_size_stops_before_the_item_that_would_exceed_it_and_a_larger_item_goes_alone()
    {
        var firstFlushStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<int[]>();
        await using var queue = new GroupCommitQueue<Rows>(async (batch, _) =>
        {
            batches.Add(batch.Select(item => item.Count).ToArray());
            firstFlushStarted.TrySetResult();
            await release.Task;
            foreach (var item in batch)
            {
                item.TrySetResult();
            }
        }, maxBatch: 100, weight: static item => item.Count, maxWeight: 10);

        var items = new List<Rows> { new(1) };
        queue.Enqueue(items[0]);
        await firstFlushStarted.Task;

        // Gathered while the first flush is in flight.
        foreach (var count in new[] { 4, 4, 4, 12, 3 })
        {
            items.Add(new Rows(count));
            queue.Enqueue(items[^1]);
        }

        release.SetResult();
        await Task.WhenAll(items.Select(item => item.Task));

        Assert.Equal([[1], [4, 4], [4], [12], [3]], batches);
    }

    [Fact]
    public async Task Without_a_size_bound_a_batch_takes_everything_gathered_up_to_the_item_limit()
    {
        var firstFlushStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<int>();
        await using var queue = new GroupCommitQueue<Rows>(async (batch, _) =>
        {
            batches.Add(batch.Count);
            firstFlushStarted.TrySetResult();
            await release.Task;
            foreach (var item in batch)
            {
                item.TrySetResult();
            }
        }, maxBatch: 3);

        var items = Enumerable.Range(0, 6).Select(_ => new Rows(1_000)).ToList();
        queue.Enqueue(items[0]);
        await firstFlushStarted.Task;
        foreach (var item in items.Skip(1))
        {
            queue.Enqueue(item);
        }

        release.SetResult();
        await Task.WhenAll(items.Select(item => item.Task));

        Assert.Equal([1, 3, 2], batches);
    }

    [Fact]
    public async Task With_two_in_flight_the_next_batch_starts_while_the_previous_is_unfinished_and_a_third_waits_for_the_first()
    {
        var started = new List<int>();
        var finish = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var startedTwice = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var startedThird = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var queue = new GroupCommitQueue<Rows>((batch, _) =>
        {
            int index;
            lock (started)
            {
                index = started.Count;
                started.Add(batch[0].Count);
                if (started.Count == 2)
                {
                    startedTwice.TrySetResult();
                }

                if (started.Count == 3)
                {
                    startedThird.TrySetResult();
                }
            }

            return Task.FromResult(CompleteAsync(batch, finish[index].Task));
        }, maxInFlight: 2, maxBatch: 1);

        var items = Enumerable.Range(1, 3).Select(count => new Rows(count)).ToArray();
        foreach (var item in items)
        {
            queue.Enqueue(item);
        }

        await startedTwice.Task.WaitAsync(TimeSpan.FromSeconds(10));
        lock (started)
        {
            Assert.Equal([1, 2], started);
        }

        // The second finishing first does not let the third start: the first is still in flight.
        // A queue that freed a slot for any finished batch would start the third at once; a short
        // grace lets it show.
        finish[1].SetResult();
        await items[1].Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAny(startedThird.Task, Task.Delay(TimeSpan.FromMilliseconds(200)));
        Assert.False(startedThird.Task.IsCompleted);

        finish[0].SetResult();
        finish[2].SetResult();
        await Task.WhenAll(items.Select(item => item.Task)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2, 3], started);
    }

    [Fact]
    public async Task A_batch_whose_rest_fails_fails_its_items_and_the_batches_around_it_still_complete()
    {
        await using var queue = new GroupCommitQueue<Rows>((batch, _) => Task.FromResult(batch[0].Count == 2
            ? Task.FromException(new InvalidOperationException("refused"))
            : CompleteAsync(batch, Task.CompletedTask)), maxInFlight: 2, maxBatch: 1);

        var items = Enumerable.Range(1, 3).Select(count => new Rows(count)).ToArray();
        foreach (var item in items)
        {
            queue.Enqueue(item);
        }

        await items[0].Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<InvalidOperationException>(() => items[1].Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await items[2].Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task CompleteAsync(List<Rows> batch, Task finished)
    {
        await finished;
        foreach (var item in batch)
        {
            item.TrySetResult();
        }
    }
}
