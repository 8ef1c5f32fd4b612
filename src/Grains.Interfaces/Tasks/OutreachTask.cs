using System.Text.Json.Serialization;

namespace CustomerSuccess.Grains.Interfaces.Tasks;

/// <summary>
/// A proactive outreach task for a CSM. <see cref="Id"/> is customer id, rule and a per-rule
/// sequence ("c-1:detractor:2"), so replaying the same history never creates a second task.
/// </summary>
/// <remarks>
/// <c>OwnerId</c>: The customer's CSM; null when unassigned.<br/>
/// <c>Priority</c>: 1 = most urgent .. 4.<br/>
/// <c>Evidence</c>: Event ids (or "deadline:..." markers) that support the reason.<br/>
/// <c>Resolution</c>: The outcome (done), the reason (dismissed) or the cleared condition (auto-closed).<br/>
/// <c>RepliedAt</c>: For an awaiting-reply or public-complaint task auto-closed by a logged reply, when
/// that reply was sent: the customer was answered, which counts as outreach like a task marked done.<br/>
/// </remarks>
public sealed record OutreachTask(
    string Id,
    string CustomerId,
    string? OwnerId,
    RuleId Rule,
    int Priority,
    string Title,
    string Reason,
    IReadOnlyList<string> Evidence,
    string SuggestedAction,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    TaskState State,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? SnoozedUntil = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Resolution = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? RepliedAt = null)
{
    /// <summary>Open or snoozed: it still belongs on a CSM's list.</summary>
    [JsonIgnore]
    public bool IsLive => State is TaskState.Open or TaskState.Snoozed;
}
