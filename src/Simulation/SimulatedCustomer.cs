using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Simulation;

/// <summary>One generated customer: profile, ground truth and its history in time order.</summary>
public sealed record SimulatedCustomer(string Id, CustomerProfile Profile, GroundTruth Truth, TouchpointEvent[] Events);
