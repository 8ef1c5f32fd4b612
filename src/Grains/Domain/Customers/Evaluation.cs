using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// The outcome of re-evaluating a customer: the score change (if any), the tasks that changed, and
/// the next moment something can change without a new event (with the rule it is for).
/// </summary>
/// <remarks>
/// <see cref="Health"/> (the score with its reasons, as text) is built on first read, from the
/// state as it then is: the ingestion path never reads it, so it is not built per batch. Read it
/// before the model changes again.
/// </remarks>
public sealed class Evaluation(CustomerModel model, DateTimeOffset at, ScoreChange? scoreChange, IReadOnlyList<OutreachTask> changedTasks,
    DateTimeOffset? nextDeadline, string? nextDeadlineReason)
{
    private HealthSnapshot? _health;

    public HealthSnapshot Health => _health ??= model.HealthAt(at);

    public ScoreChange? ScoreChange { get; } = scoreChange;

    public IReadOnlyList<OutreachTask> ChangedTasks { get; } = changedTasks;

    public DateTimeOffset? NextDeadline { get; } = nextDeadline;

    public string? NextDeadlineReason { get; } = nextDeadlineReason;
}
