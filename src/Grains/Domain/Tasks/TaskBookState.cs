using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Tasks;

/// <summary>
/// A customer's tasks: the live ones (at most one per rule), the recently closed ones (newest first,
/// capped), and per rule the task sequence, the dismissal cool-down and the situation last marked done.
/// Per-rule arrays are indexed by <see cref="RuleId"/>.
/// </summary>
public sealed class TaskBookState
{
    public List<OutreachTask> Live { get; set; } = [];

    public List<OutreachTask> Closed { get; set; } = [];

    public int[] Sequences { get; set; } = new int[RuleNames.Count];

    public DateTimeOffset?[] QuietUntil { get; set; } = new DateTimeOffset?[RuleNames.Count];

    /// <summary>The finding key of each rule's live task.</summary>
    public string?[] LiveKeys { get; set; } = new string?[RuleNames.Count];

    /// <summary>The finding key of each rule's last task marked done: that situation is handled.</summary>
    public string?[] DoneKeys { get; set; } = new string?[RuleNames.Count];

    /// <summary>Repairs arrays stored before rules were added.</summary>
    public void EnsureShape()
    {
        if (Sequences.Length < RuleNames.Count)
        {
            Sequences = [.. Sequences, .. new int[RuleNames.Count - Sequences.Length]];
        }

        if (QuietUntil.Length < RuleNames.Count)
        {
            QuietUntil = [.. QuietUntil, .. new DateTimeOffset?[RuleNames.Count - QuietUntil.Length]];
        }

        if (LiveKeys.Length < RuleNames.Count)
        {
            LiveKeys = [.. LiveKeys, .. new string?[RuleNames.Count - LiveKeys.Length]];
        }

        if (DoneKeys.Length < RuleNames.Count)
        {
            DoneKeys = [.. DoneKeys, .. new string?[RuleNames.Count - DoneKeys.Length]];
        }
    }
}
