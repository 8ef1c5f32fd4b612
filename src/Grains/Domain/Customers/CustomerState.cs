using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Domain.Commercial;
using CustomerSuccess.Grains.Domain.Conversations;
using CustomerSuccess.Grains.Domain.Effort;
using CustomerSuccess.Grains.Domain.Engagement;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Surveys;
using CustomerSuccess.Grains.Domain.Tasks;
using CustomerSuccess.Grains.Interfaces.Customers;

namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// Everything a customer grain persists. Each part is an order-independent fold (maxima, counts,
/// small time-sorted windows), so late and out-of-order events give the state in-order events give.
/// </summary>
public sealed class CustomerState
{
    public CustomerProfile Profile { get; set; } = new();

    public SeenEvents Seen { get; set; } = new();

    /// <summary>Newest first, capped.</summary>
    public Timeline Timeline { get; set; } = new();

    public List<IssueState> Issues { get; set; } = [];

    public ConversationState Conversation { get; set; } = new();

    public SurveyState Surveys { get; set; } = new();

    public RhythmState Rhythm { get; set; } = new();

    public UsageState Usage { get; set; } = new();

    public CommercialState Commercial { get; set; } = new();

    public HealthState Health { get; set; } = new();

    public TaskBookState Tasks { get; set; } = new();

    /// <summary>The last event-log position applied; replay skips everything at or below it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long LogPosition { get; set; }

    /// <summary>The durable wake-up currently stored for this grain, and the rule it is for.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? WakeUpAt { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WakeUpReason { get; set; }

    /// <summary>
    /// The next deadline as of the last evaluation. It can be later than <see cref="WakeUpAt"/>:
    /// events from the log keep an earlier stored wake-up, which then only re-arms.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? NextDeadline { get; set; }

    /// <summary>
    /// The task list holds every task change of this state: the last evaluation's task writes all
    /// succeeded after a sync, or after an activation that could trust the list. Cleared before
    /// anything that may change a task and set again once its writes are done, so a state stored
    /// after a failure (or by a version that did not keep this) makes the next activation re-sync
    /// the list even where completed writes are durable (see <c>ITaskProjection.KeepsEveryCompletedWrite</c>).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool TaskListCurrent { get; set; }
}
