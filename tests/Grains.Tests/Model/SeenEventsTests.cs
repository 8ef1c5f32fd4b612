using CustomerSuccess.Grains.Domain.Customers;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class SeenEventsTests
{
    [Fact]
    public void The_ring_grows_with_the_events_seen_instead_of_starting_at_full_size()
    {
        var seen = new SeenEvents();

        for (var i = 0; i < 20; i++)
        {
            Assert.True(seen.TryAdd($"e-{i}", capacity: 128));
        }

        Assert.Equal(32 * sizeof(long), seen.Hashes.Length);
        Assert.Equal(20, seen.Next);
    }

    [Fact]
    public void Every_id_within_the_window_is_recognised_while_growing_and_once_full_the_oldest_is_forgotten()
    {
        var seen = new SeenEvents();
        for (var i = 0; i < 128; i++)
        {
            Assert.True(seen.TryAdd($"e-{i}", capacity: 128));
            Assert.False(seen.TryAdd($"e-{i / 2}", capacity: 128));
        }

        Assert.Equal(128 * sizeof(long), seen.Hashes.Length);
        Assert.True(seen.TryAdd("e-128", capacity: 128));

        // e-0 was overwritten by e-128; e-1 … e-128 are still known.
        Assert.True(seen.TryAdd("e-0", capacity: 128));
        Assert.False(seen.TryAdd("e-2", capacity: 128));
        Assert.False(seen.TryAdd("e-128", capacity: 128));
        Assert.Equal(128 * sizeof(long), seen.Hashes.Length);
    }

    [Fact]
    public void A_full_size_ring_stored_before_rings_grew_keeps_working_as_before()
    {
        // The old shape: all 128 slots allocated from the first event, 3 of them used.
        var stored = new SeenEvents { Hashes = new byte[128 * sizeof(long)] };
        var ring = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(stored.Hashes.AsSpan());
        ring[0] = SeenEvents.Hash("a");
        ring[1] = SeenEvents.Hash("b");
        ring[2] = SeenEvents.Hash("c");
        stored.Next = 3;

        Assert.False(stored.TryAdd("b", capacity: 128));
        Assert.True(stored.TryAdd("d", capacity: 128));
        Assert.Equal(4, stored.Next);
        Assert.Equal(128 * sizeof(long), stored.Hashes.Length);
    }

    [Fact]
    public void A_capacity_raised_under_a_full_ring_keeps_every_id_and_grows_to_the_new_size()
    {
        var seen = new SeenEvents();
        for (var i = 0; i < 10; i++)
        {
            seen.TryAdd($"e-{i}", capacity: 8);
        }

        // e-0 and e-1 were overwritten at capacity 8.
        Assert.True(seen.TryAdd("e-10", capacity: 16));
        Assert.Equal(16 * sizeof(long), seen.Hashes.Length);
        for (var i = 2; i <= 10; i++)
        {
            Assert.False(seen.TryAdd($"e-{i}", capacity: 16));
        }
    }
}
