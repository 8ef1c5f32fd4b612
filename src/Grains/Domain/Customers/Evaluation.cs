using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// The outcome of re-evaluating a customer: the score change (if any), the tasks that changed, and
/// the next moment something can change without a new event (with the rule it is for).
/// </summary>
/// <remarks>
/// A value, not an object: every ingested batch is evaluated once per customer, and the outcome is
/// read once and dropped. <see cref="Health"/> (the score with its reasons, as text) is built on each
/// read, from the state as it then is: the ingestion path never reads it. Read it before the model
/// changes again.
/// </remarks>
public readonly struct Evaluation
{
    private readonly CustomerModel _model;
    private readonly DateTimeOffset _at;

    public Evaluation(CustomerModel model, DateTimeOffset at, ScoreChange? scoreChange, IReadOnlyList<OutreachTask> changedTasks,
        DateTimeOffset? nextDeadline, string? nextDeadlineReason)
    {
        _model = model;
        _at = at;
        ScoreChange = scoreChange;
        ChangedTasks = changedTasks;
        NextDeadline = nextDeadline;
        NextDeadlineReason = nextDeadlineReason;
    }

    public HealthSnapshot Health => _model.HealthAt(_at);

    public ScoreChange? ScoreChange { get; }

    public IReadOnlyList<OutreachTask> ChangedTasks { get; }

    public DateTimeOffset? NextDeadline { get; }

    public string? NextDeadlineReason { get; }
}
