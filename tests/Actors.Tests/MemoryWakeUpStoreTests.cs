using CustomerSuccess.Actors.WakeUps;

namespace CustomerSuccess.Actors.Tests;

public sealed class MemoryWakeUpStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static WakeUpKey Key(int i) => new("customer", $"c-{i}");

    [Fact]
    public async Task Deadlines_moved_with_every_batch_keep_the_queue_proportional_to_the_grains_scheduled()
    {
        // 500 customers whose gone-quiet deadline moves later with each of 100 batches: without a
        // rebuild the queue would hold all 50,000 sets until their times came.
        var store = new MemoryWakeUpStore();
        for (var batch = 0; batch < 100; batch++)
        {
            for (var i = 0; i < 500; i++)
            {
                await store.SetAsync(Key(i), T0.AddDays(7).AddMinutes(batch * 10 + i % 7), CancellationToken.None);
            }
        }

        Assert.Equal(500, store.Count);
        Assert.InRange(store.QueuedCount, 500, 2 * 500 + 1024 + 1);
    }

    [Fact]
    public async Task After_rebuilds_each_grain_is_claimed_once_at_its_latest_due_time_and_a_claimed_one_is_not_queued_again()
    {
        var store = new MemoryWakeUpStore();
        await store.SetAsync(Key(-1), T0, CancellationToken.None);
        var claimedEarly = await store.ClaimDueAsync(T0, 10, CancellationToken.None);
        Assert.Equal([Key(-1)], claimedEarly.Select(w => w.Key));

        var rebuilds = 0;
        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < 200; i++)
            {
                var queued = store.QueuedCount;
                await store.SetAsync(Key(i), T0.AddHours(1 + round).AddSeconds(i), CancellationToken.None);
                if (store.QueuedCount < queued)
                {
                    // Right after a rebuild the queue holds exactly the live, unclaimed entries.
                    rebuilds++;
                    Assert.Equal(round == 0 ? i + 1 : 200, store.QueuedCount);
                }
            }
        }

        Assert.True(rebuilds > 0, "the queue was never rebuilt");
        await store.SetAsync(Key(7), null, CancellationToken.None);

        var claimed = await store.ClaimDueAsync(T0.AddDays(2), 1_000, CancellationToken.None);

        var expected = Enumerable.Range(0, 200).Where(i => i != 7).Select(i => (Key(i), T0.AddHours(20).AddSeconds(i))).ToArray();
        Assert.Equal(expected, claimed.Select(w => (w.Key, w.DueAt)));
        Assert.Null(await store.GetNextDueAsync(CancellationToken.None));
        await store.CompleteAsync(claimedEarly[0], retryAt: T0.AddDays(3), CancellationToken.None);
        Assert.Equal(T0.AddDays(3), await store.GetNextDueAsync(CancellationToken.None));
    }
}
