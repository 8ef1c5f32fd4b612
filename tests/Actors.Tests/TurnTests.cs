using CustomerSuccess.Actors.Tests.TestGrains;

namespace CustomerSuccess.Actors.Tests;

public sealed class TurnTests
{
    [Fact]
    public async Task Ten_thousand_concurrent_callers_increment_a_non_thread_safe_counter_exactly()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("contended");

        // Each increment reads, yields (letting other work run), then writes: any interleaving of turns loses updates.
        var callers = Enumerable.Range(0, 10_000).Select(_ => Task.Run(() => counter.IncrementAsync())).ToArray();
        var results = await Task.WhenAll(callers);

        Assert.Equal(10_000, await counter.GetAsync());
        Assert.Equal(Enumerable.Range(1, 10_000), results.Order());
    }

    [Fact]
    public async Task A_turn_that_awaits_holds_back_other_calls_until_it_completes()
    {
        var probe = new Probe();
        var gate = new Gate();
        await using var cluster = TestSilo.Create(probe, gate);
        await cluster.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IGateGrain>("g");

        var waiting = grain.WaitAtGateAsync();
        var normal = grain.NormalAsync();
        var interleaved = await grain.InterleavedAsync();

        Assert.Equal("interleaved-while-inside", interleaved);
        Assert.False(normal.IsCompleted);
        gate.Opened.SetResult();
        Assert.Equal("passed", await waiting);
        Assert.Equal("normal", await normal);
    }

    [Fact]
    public async Task Calls_from_one_caller_run_in_the_order_they_were_sent()
    {
        var probe = new Probe();
        await using var cluster = TestSilo.Create(probe);
        await cluster.StartAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("ordered");

        var calls = Enumerable.Range(0, 500).Select(_ => counter.IncrementAsync()).ToArray();

        Assert.Equal(Enumerable.Range(1, 500), await Task.WhenAll(calls));
    }
}

public sealed class InlineExecutionTests
{
    [Fact]
    public async Task A_caller_awaiting_a_long_chain_of_calls_runs_them_all_without_exhausting_the_stack()
    {
        var probe = new TestGrains.Probe();
        await using var cluster = TestGrains.TestSilo.Create(probe);
        await cluster.StartAsync();
        var counters = Enumerable.Range(0, 16).Select(i => cluster.GrainFactory.GetGrain<TestGrains.ICounterGrain>($"chain{i}")).ToArray();

        // From a plain thread-pool thread, idle activations run inline on the caller's thread;
        // the depth limit must keep this long sequence from nesting without bound.
        var total = await Task.Run(async () =>
        {
            var sum = 0;
            for (var i = 0; i < 200_000; i++)
            {
                sum += await counters[i % counters.Length].AddAsync(1, "n") > 0 ? 1 : 0;
            }

            return sum;
        });

        Assert.Equal(200_000, total);
        Assert.Equal(200_000 / 16, await counters[0].GetAsync());
    }
}
