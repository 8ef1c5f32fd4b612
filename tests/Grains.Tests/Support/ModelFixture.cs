using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Tests.Support;

/// <summary>A customer model without a silo: the pure domain, driven with explicit times.</summary>
internal sealed class ModelFixture(RuleSettings? rules = null, HealthSettings? health = null)
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public CustomerModel Model { get; } = new("c-1", new CustomerState(), rules ?? RuleSettings.Default, health ?? HealthSettings.Default, StateLimits.Default);

    public CustomerState State => Model.State;

    public Evaluation Apply(DateTimeOffset now, params TouchpointEvent[] events) => ApplyBecause("test", now, events);

    /// <summary>Applies and evaluates with <paramref name="cause"/> as the score change's cause.</summary>
    public Evaluation ApplyBecause(string cause, DateTimeOffset now, params TouchpointEvent[] events)
    {
        foreach (var e in events)
        {
            Model.Apply(e);
        }

        return Model.Evaluate(now, cause);
    }

    public OutreachTask? Live(RuleId rule) => State.Tasks.Live.FirstOrDefault(t => t.Rule == rule);
}
