using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Tasks;

/// <summary>
/// The task lifecycle: turns rule verdicts into opened, updated, woken and auto-closed tasks, and
/// applies CSM actions (done, snooze, dismiss) with their allowed transitions.
/// </summary>
public sealed class TaskBook(string customerId, TaskBookState state, RuleSettings settings, int closedLimit)
{
    // Per rule, the stamp of what its live task's words were written from, when this book wrote them
    // (zero otherwise, as after a reload: the task is then described once more).
    private readonly long[] _textStamps = new long[RuleNames.Count];

    /// <summary>
    /// Applies the verdicts. Returns the tasks that changed (for the owners' boards) and the earliest
    /// future time the book itself needs a look (a snooze ending, a cool-down ending). The verdicts
    /// may come without text; <paramref name="moment"/> gives a rule's verdict with its text, and is
    /// asked only for a task that opens, closes or may have new evidence.
    /// </summary>
    public (List<OutreachTask>? Changed, DateTimeOffset? Deadline) Reconcile(RuleVerdict[] verdicts, in RuleMoment moment, string? ownerId, DateTimeOffset now)
    {
        List<OutreachTask>? changed = null;
        DateTimeOffset? deadline = null;
        for (var r = 0; r < verdicts.Length; r++)
        {
            var verdict = verdicts[r];
            var rule = (RuleId)r;
            var index = LiveIndex(rule);
            if (index >= 0 && verdict.Replaces && verdict.Raise is not null)
            {
                (changed ??= []).Add(CloseAt(index, AutoClose(state.Live[index], moment, now)));
                index = -1;
            }

            if (index >= 0)
            {
                var live = state.Live[index];
                var updated = verdict.Holds
                    ? Update(live, verdict.Raise, moment, state.QuietUntilOf(r), now)
                    : AutoClose(live, moment, now);
                if (ReferenceEquals(updated, live) && verdict.Raise is { } same)
                {
                    // Unchanged in every word, yet the key can move (a stored task keyed as before an
                    // upgrade): the key is what a done mark will cover.
                    state.LiveKeys[r] = same.Key;
                }
                else if (!ReferenceEquals(updated, live))
                {
                    (changed ??= []).Add(updated);
                    if (updated.IsLive)
                    {
                        state.Live[index] = updated;
                        state.LiveKeys[r] = verdict.Raise?.Key ?? state.LiveKeys[r];
                    }
                    else
                    {
                        state.Live.RemoveAt(index);
                        state.LiveKeys[r] = null;
                        AddClosed(updated);
                    }
                }

                if (updated.SnoozedUntil is { } until && updated.State == TaskState.Snoozed)
                {
                    deadline = Earliest(deadline, until);
                }

                continue;
            }

            if (verdict.Raise is not { } finding || state.DoneKeyOf(r) == finding.Key)
            {
                continue;
            }

            if (state.QuietUntilOf(r) is { } quiet && now < quiet)
            {
                deadline = Earliest(deadline, quiet);
                continue;
            }

            (changed ??= []).Add(Open(moment.Describe(rule).Raise!.Value, ownerId, now));
        }

        return (changed, deadline);
    }

    /// <summary>Marks a live task done; <paramref name="issues"/> tells which earlier done marks still matter.</summary>
    public OutreachTask Complete(string taskId, string outcome, string? note, DateTimeOffset now, IReadOnlyList<Effort.IssueState> issues)
    {
        var index = RequireLive(taskId, "completed");
        var live = state.Live[index];
        var rule = (int)live.Rule;
        state.SetDoneKey(rule, RuleEvaluator.DoneKeyAfter(live.Rule, state.DoneKeyOf(rule), state.LiveKeys[rule], issues));
        return CloseAt(index, Close(live, TaskState.Done, outcome, note, now));
    }

    public OutreachTask Dismiss(string taskId, string reason, DateTimeOffset now)
    {
        var index = RequireLive(taskId, "dismissed");
        var live = state.Live[index];
        state.SetQuietUntil((int)live.Rule, now + settings.DismissCooldown);
        return CloseAt(index, Close(live, TaskState.Dismissed, reason, null, now));
    }

    public OutreachTask Snooze(string taskId, DateTimeOffset until, DateTimeOffset now)
    {
        var index = RequireLive(taskId, "snoozed");
        if (until <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, "A task is snoozed until a time in the future.");
        }

        var snoozed = state.Live[index] with { State = TaskState.Snoozed, SnoozedUntil = until, UpdatedAt = now };
        state.Live[index] = snoozed;
        return snoozed;
    }

    /// <summary>Points every live task at a new owner (the customer changed CSM).</summary>
    public void Reassign(string? ownerId)
    {
        for (var i = 0; i < state.Live.Count; i++)
        {
            state.Live[i] = state.Live[i] with { OwnerId = ownerId };
        }
    }

    private OutreachTask Open(Finding finding, string? ownerId, DateTimeOffset now)
    {
        var r = (int)finding.Rule;
        var sequence = ++state.Sequences[r];
        var createdAt = state.QuietUntilOf(r) is { } quiet && quiet > finding.FiredAt ? quiet : finding.FiredAt;
        var task = new OutreachTask(
            TaskId.Of(customerId, finding.Rule, sequence), customerId, ownerId, finding.Rule, finding.Priority,
            finding.Title!, finding.Reason!, finding.Evidence!, finding.SuggestedAction!,
            createdAt, createdAt + settings.DueAfter(finding.Rule), TaskState.Open, now);
        state.Live.Add(task);
        state.LiveKeys[r] = finding.Key;
        _textStamps[r] = finding.Stamp;
        return task;
    }

    // New evidence refreshes the reason, can raise the priority (never lowers it), and wakes a snoozed
    // task early. Late evidence can show the rule fired earlier than the task says: the task then moves
    // to that time, so delivery order never changes a task's times.
    private OutreachTask Update(OutreachTask live, Finding? finding, in RuleMoment moment, DateTimeOffset? quietUntil, DateTimeOffset now)
    {
        var updated = live;
        if (finding is { } raised)
        {
            var priority = Math.Min(live.Priority, raised.Priority);
            var firedAt = quietUntil is { } quiet && quiet > raised.FiredAt ? quiet : raised.FiredAt;
            var createdAt = firedAt < live.CreatedAt ? firedAt : live.CreatedAt;
            var r = (int)live.Rule;
            if (priority == live.Priority && createdAt == live.CreatedAt && raised.Stamp != 0 && raised.Stamp == _textStamps[r]
                && string.Equals(state.LiveKeys[r], raised.Key, StringComparison.Ordinal))
            {
                // Raised under the key (and from what) its words were written for: describing it again
                // would give them back.
                return Wake(live, now);
            }

            var text = moment.Describe(live.Rule).Raise!.Value;
            _textStamps[r] = text.Stamp;
            var newEvidence = !SameEvidence(live.Evidence, text.Evidence!);
            if (newEvidence || priority != live.Priority || text.Reason != live.Reason || createdAt != live.CreatedAt)
            {
                updated = live with
                {
                    Priority = priority,
                    Reason = text.Reason!,
                    Evidence = text.Evidence!,
                    Title = text.Title!,
                    SuggestedAction = text.SuggestedAction!,
                    CreatedAt = createdAt,
                    DueAt = createdAt + settings.DueAfter(live.Rule),
                    UpdatedAt = now,
                };
                if (newEvidence && live.State == TaskState.Snoozed)
                {
                    updated = updated with { State = TaskState.Open, SnoozedUntil = null };
                }
            }
        }

        return Wake(updated, now);
    }

    // A snooze that has run out opens the task again.
    private static OutreachTask Wake(OutreachTask task, DateTimeOffset now) =>
        task.State == TaskState.Snoozed && task.SnoozedUntil <= now
            ? task with { State = TaskState.Open, SnoozedUntil = null, UpdatedAt = now }
            : task;

    // Element by element, ordinal: what SequenceEqual did, without its enumerators.
    private static bool SameEvidence(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static OutreachTask AutoClose(OutreachTask live, in RuleMoment moment, DateTimeOffset now)
    {
        var cleared = moment.Describe(live.Rule);
        return Close(live, TaskState.AutoClosed, cleared.Cleared ?? "condition cleared", null, now, cleared.RepliedAt);
    }

    private static OutreachTask Close(OutreachTask live, TaskState state, string resolution, string? note, DateTimeOffset now, DateTimeOffset? repliedAt = null) =>
        live with { State = state, Resolution = resolution, Note = note, SnoozedUntil = null, UpdatedAt = now, RepliedAt = repliedAt };

    private OutreachTask CloseAt(int index, OutreachTask closed)
    {
        state.Live.RemoveAt(index);
        state.LiveKeys[(int)closed.Rule] = null;
        AddClosed(closed);
        return closed;
    }

    private void AddClosed(OutreachTask closed)
    {
        Customers.CappedList.Insert(state.Closed, 0, closed, closedLimit);
    }

    private int LiveIndex(RuleId rule)
    {
        for (var i = 0; i < state.Live.Count; i++)
        {
            if (state.Live[i].Rule == rule)
            {
                return i;
            }
        }

        return -1;
    }

    private int RequireLive(string taskId, string action)
    {
        for (var i = 0; i < state.Live.Count; i++)
        {
            if (state.Live[i].Id == taskId)
            {
                return i;
            }
        }

        foreach (var closed in state.Closed)
        {
            if (closed.Id == taskId)
            {
                throw new TaskTransitionException(taskId, closed.State, action);
            }
        }

        // Ids are handed out in sequence per rule, so one at or below the rule's count was this customer's.
        if (TaskId.TryParse(taskId, out _, out var rule, out var sequence)
            && sequence >= 1 && sequence <= state.Sequences[(int)rule] && taskId == TaskId.Of(customerId, rule, sequence))
        {
            throw TaskTransitionException.ClosedLongAgo(taskId, action);
        }

        throw new TaskTransitionException(taskId, null, action);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value <= b ? value : b;
}
