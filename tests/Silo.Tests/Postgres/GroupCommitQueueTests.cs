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
}
