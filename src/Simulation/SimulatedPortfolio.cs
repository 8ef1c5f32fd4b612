using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Simulation;

/// <summary>A generated portfolio: the customers, and all their events merged in time order.</summary>
public sealed class SimulatedPortfolio(PortfolioOptions options, SimulatedCustomer[] customers, TouchpointEvent[] events)
{
    public PortfolioOptions Options { get; } = options;

    public IReadOnlyList<SimulatedCustomer> Customers { get; } = customers;

    /// <summary>Every event of every customer, ordered by time (ties in customer, then generation, order).</summary>
    public IReadOnlyList<TouchpointEvent> Events { get; } = events;
}
