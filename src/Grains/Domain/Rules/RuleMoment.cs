using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Rules;

/// <summary>
/// The moment of one evaluation: the state, the score it gave and the time. The task book gets the
/// verdicts without text and asks this for one rule's text when it needs it; a struct passed down,
/// so neither a delegate nor fields of the model hold it between evaluations.
/// </summary>
public readonly record struct RuleMoment(CustomerState State, int? Score, HealthBand? Band, DateTimeOffset Now, RuleSettings Settings)
{
    public RuleVerdict Describe(RuleId rule) => RuleEvaluator.Describe(rule, State, Score, Band, Now, Settings);
}
