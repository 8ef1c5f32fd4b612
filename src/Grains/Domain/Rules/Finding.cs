using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Rules;

/// <summary>
/// A rule that fires: what the task should say. <see cref="Key"/> names the situation (an issue id,
/// a survey event id, a renewal date), so a task marked done is not raised again for the same one.
/// <see cref="FiredAt"/> is when the condition became true (an event time or an exact deadline),
/// not when it was evaluated, so a replay of history creates identical tasks. The reason holds no
/// "time until" figures, so it changes (and the owner's board hears of it) only with the evidence.
/// The text (title, reason, evidence, suggested action) is null in a finding from the per-batch
/// evaluation and filled in by <see cref="RuleEvaluator.Describe"/>, only when a task needs it.
/// <see cref="Stamp"/>, where a rule sets it, fingerprints what the words are made from (see
/// <see cref="TextStamp"/>), with or without the words. A value, not an object: a customer with live tasks gets a finding per live rule at every
/// evaluation, and as objects they were a twentieth of what durable ingestion allocated.
/// </summary>
public readonly record struct Finding(
    RuleId Rule,
    int Priority,
    DateTimeOffset FiredAt,
    string Key,
    string? Title = null,
    string? Reason = null,
    IReadOnlyList<string>? Evidence = null,
    string? SuggestedAction = null,
    long Stamp = 0);

/// <summary>
/// One rule's verdict at a moment. <see cref="Holds"/> keeps an existing task open (it is true
/// whenever <see cref="Raise"/> is set); when it is false the task auto-closes with
/// <see cref="Cleared"/> (null in a verdict without text). <see cref="Deadline"/> is the next time the verdict can change without a
/// new event.
/// </summary>
public struct RuleVerdict
{
    public Finding? Raise;
    public bool Holds;

    /// <summary>
    /// The live task's situation has ended and <see cref="Raise"/> is another one: the task closes with
    /// <see cref="Cleared"/> and a new one opens, as when the two came one after the other.
    /// </summary>
    public bool Replaces;
    public string? Cleared;

    /// <summary>In a verdict with text: the wait the task was raised for ended with a reply sent at this time.</summary>
    public DateTimeOffset? RepliedAt;
    public DateTimeOffset? Deadline;
}
