using CustomerSuccess.Actors.Testing;
using CustomerSuccess.Grains;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.Ingestion;

namespace CustomerSuccess.Silo.Tests.Ingestion;

public sealed class CustomerEventDispatcherTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static LoggedTouchpoint Logged(long position, string customer) =>
        new(position, new TouchpointEvent($"e-{position}", customer, TouchpointType.Usage, Now.AddMinutes(position), Channel.App));

    [Fact]
    public async Task A_customer_whose_call_from_the_log_failed_takes_no_later_events_so_it_never_skips_the_failed_ones()
    {
        await using var cluster = new InProcessTestCluster(builder => builder.AddCustomerSuccessGrains(), Now);
        await cluster.StartAsync();
        var dispatcher = new CustomerEventDispatcher(cluster.GrainFactory);

        // The first flush's call for c-1 is refused whole (positions out of order), the second flush is
        // sent before that is known: c-1 must not apply position 7 past the events it failed.
        var first = dispatcher.DispatchAsync([Logged(5, "c-1"), Logged(3, "c-1")], dirty: null);
        var second = dispatcher.DispatchAsync([Logged(7, "c-1"), Logged(8, "c-2")], dirty: null);
        await Assert.ThrowsAnyAsync<Exception>(() => first);
        await Assert.ThrowsAnyAsync<Exception>(() => second);
        var third = dispatcher.DispatchAsync([Logged(9, "c-1")], dirty: null);
        await Assert.ThrowsAnyAsync<Exception>(() => third);

        Assert.Equal(0, (await cluster.GrainFactory.GetGrain<Grains.Interfaces.Customers.ICustomerGrain>("c-1").GetTimelineAsync()).Total);
        Assert.Equal(1, (await cluster.GrainFactory.GetGrain<Grains.Interfaces.Customers.ICustomerGrain>("c-2").GetTimelineAsync()).Total);
    }

    [Fact]
    public async Task Events_without_log_positions_are_not_held_back_by_an_earlier_failure()
    {
        await using var cluster = new InProcessTestCluster(builder => builder.AddCustomerSuccessGrains(), Now);
        await cluster.StartAsync();
        var dispatcher = new CustomerEventDispatcher(cluster.GrainFactory);

        await Assert.ThrowsAnyAsync<Exception>(() => dispatcher.DispatchAsync([Logged(5, "c-1"), Logged(3, "c-1")], dirty: null));
        var result = await dispatcher.DispatchAsync(LoggedTouchpoint.Unlogged([Logged(0, "c-1").Event]), dirty: null);

        Assert.Equal(1, result.Accepted);
    }

    [Fact]
    public async Task A_failed_customer_stays_stopped_across_sweeps_of_the_done_calls_and_the_done_calls_are_not_all_kept()
    {
        await using var cluster = new InProcessTestCluster(builder => builder.AddCustomerSuccessGrains(), Now);
        await cluster.StartAsync();
        var dispatcher = new CustomerEventDispatcher(cluster.GrainFactory);

        await Assert.ThrowsAnyAsync<Exception>(() => dispatcher.DispatchAsync([Logged(5, "c-1"), Logged(3, "c-1")], dirty: null));

        // Enough other customers, flush after flush, for the remembered calls to be swept more than once.
        var position = 10L;
        for (var flush = 0; flush < 6; flush++)
        {
            var events = new List<LoggedTouchpoint>();
            for (var i = 0; i < 500; i++)
            {
                events.Add(Logged(position++, $"other-{flush}-{i}"));
            }

            Assert.Equal(500, (await dispatcher.DispatchAsync(events, dirty: null)).Accepted);
        }

        // 3,001 calls were made; without sweeps all of them would still be kept.
        Assert.InRange(dispatcher.KeptCalls, 0, 2_048);
        await Assert.ThrowsAnyAsync<Exception>(() => dispatcher.DispatchAsync([Logged(position, "c-1")], dirty: null));
        Assert.Equal(0, (await cluster.GrainFactory.GetGrain<Grains.Interfaces.Customers.ICustomerGrain>("c-1").GetTimelineAsync()).Total);
    }

    [Fact]
    public async Task A_customers_events_reach_it_in_the_order_given_when_customers_interleave()
    {
        await using var cluster = new InProcessTestCluster(builder => builder.AddCustomerSuccessGrains(), Now);
        await cluster.StartAsync();
        var dispatcher = new CustomerEventDispatcher(cluster.GrainFactory);

        // A customer refuses positions that go backwards (the first test), so all five being accepted
        // means each customer's events arrived in log order.
        var result = await dispatcher.DispatchAsync([Logged(1, "c-1"), Logged(2, "c-2"), Logged(3, "c-1"), Logged(4, "c-3"), Logged(5, "c-1")], dirty: null);

        Assert.Equal(5, result.Accepted);
        var timeline = await cluster.GrainFactory.GetGrain<Grains.Interfaces.Customers.ICustomerGrain>("c-1").GetTimelineAsync();
        Assert.Equal(["e-5", "e-3", "e-1"], timeline.Entries.Select(entry => entry.EventId));
    }
}
