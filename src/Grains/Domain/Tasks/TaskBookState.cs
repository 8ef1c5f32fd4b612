using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Tasks;

/// <summary>
/// A customer's tasks: the live ones (at most one per rule), the recently closed ones (newest first,
/// capped), and per rule the task sequence, the dismissal cool-down and the situation last marked done.
/// Per-rule arrays are indexed by <see cref="RuleId"/>. The cool-downs and done keys exist only once
/// a CSM has dismissed or completed a task of this customer: most customers never have, and the two
/// arrays were ~370 bytes of every resident customer.
/// </summary>
public sealed class TaskBookState
{
    [JsonConverter(typeof(StoredTaskListJsonConverter))]
    public List<OutreachTask> Live { get; set; } = [];

    [JsonConverter(typeof(StoredTaskListJsonConverter))]
    public List<OutreachTask> Closed { get; set; } = [];

    public int[] Sequences { get; set; } = new int[RuleNames.Count];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset?[]? QuietUntil { get; set; }

    /// <summary>The finding key of each rule's live task.</summary>
    public string?[] LiveKeys { get; set; } = new string?[RuleNames.Count];

    /// <summary>The finding key of each rule's last task marked done: that situation is handled.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string?[]? DoneKeys { get; set; }

    /// <summary>Until when the rule stays quiet after a dismissal, if it does.</summary>
    public DateTimeOffset? QuietUntilOf(int rule) => QuietUntil is { } quiet && rule < quiet.Length ? quiet[rule] : null;

    public void SetQuietUntil(int rule, DateTimeOffset until)
    {
        QuietUntil ??= new DateTimeOffset?[RuleNames.Count];
        QuietUntil[rule] = until;
    }

    public string? DoneKeyOf(int rule) => DoneKeys is { } done && rule < done.Length ? done[rule] : null;

    public void SetDoneKey(int rule, string? key)
    {
        DoneKeys ??= new string?[RuleNames.Count];
        DoneKeys[rule] = key;
    }

    /// <summary>Repairs arrays stored before rules were added.</summary>
    public void EnsureShape()
    {
        if (Sequences.Length < RuleNames.Count)
        {
            Sequences = [.. Sequences, .. new int[RuleNames.Count - Sequences.Length]];
        }

        if (QuietUntil is not null && QuietUntil.Length < RuleNames.Count)
        {
            QuietUntil = [.. QuietUntil, .. new DateTimeOffset?[RuleNames.Count - QuietUntil.Length]];
        }

        if (LiveKeys.Length < RuleNames.Count)
        {
            LiveKeys = [.. LiveKeys, .. new string?[RuleNames.Count - LiveKeys.Length]];
        }

        if (DoneKeys is not null && DoneKeys.Length < RuleNames.Count)
        {
            DoneKeys = [.. DoneKeys, .. new string?[RuleNames.Count - DoneKeys.Length]];
        }
    }
}
