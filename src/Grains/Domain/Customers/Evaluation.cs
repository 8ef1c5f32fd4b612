using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// The outcome of re-evaluating a customer: the score change (if any), the tasks that changed, and
/// the next moment something can change without a new event (with the rule it is for).
/// </summary>
public sealed record Evaluation(
    HealthSnapshot Health,
    ScoreChange? ScoreChange,
    IReadOnlyList<OutreachTask> ChangedTasks,
    DateTimeOffset? NextDeadline,
    string? NextDeadlineReason);
