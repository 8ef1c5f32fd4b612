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
}
