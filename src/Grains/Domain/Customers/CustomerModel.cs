using CustomerSuccess.Grains.Domain.Commercial;
using CustomerSuccess.Grains.Domain.Conversations;
using CustomerSuccess.Grains.Domain.Effort;
using CustomerSuccess.Grains.Domain.Engagement;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Domain.Surveys;
using CustomerSuccess.Grains.Domain.Tasks;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Customers;

/// <summary>
/// The customer aggregate over <see cref="CustomerState"/>: folds events (cheap, per event) and
/// re-evaluates health and rules (once per batch or deadline). Pure: every time comes in as an argument.
/// </summary>
public sealed class CustomerModel
{
    private readonly string _customerId;
    private readonly CustomerState _state;
    private readonly RuleSettings _rules;
    private readonly HealthSettings _health;
    private readonly StateLimits _limits;
    private readonly TaskBook _tasks;

    // The verdicts of the evaluation under way, one buffer per thread: an evaluation runs to its end
    // on one thread (nothing in it awaits), and a buffer per model would stay resident with it.
    [ThreadStatic]
    private static RuleVerdict[]? t_verdicts;

    // The completed tasks last read from the closed ones, and the closed list's front task and length
    // then. That list only changes at its front (a task closing, the oldest dropping at the cap), so an
    // unchanged front and length is an unchanged list: the check after every batch then reads none of
    // the closed tasks, which nothing else in a batch touches.
    private List<OutreachDone>? _outreach;
    private OutreachTask? _outreachFront;
    private int _outreachCount = -1;

    public CustomerModel(string customerId, CustomerState state, RuleSettings rules, HealthSettings health, StateLimits limits)
    {
        _customerId = customerId;
        _state = state;
        _rules = rules;
        _health = health;
        _limits = limits;
        state.Tasks.EnsureShape();
        _tasks = new TaskBook(customerId, state.Tasks, rules, limits.ClosedTasks);
    }

    public CustomerState State => _state;

    public string CustomerId => _customerId;

    /// <summary>Folds one event; false if it is a duplicate (same event id seen recently).</summary>
    public bool Apply(TouchpointEvent e)
    {
        if (!_state.Seen.TryAdd(e.Id, _limits.SeenEvents))
        {
            return false;
        }

        Fold(e);
        return true;
    }

    /// <summary>
    /// Folds an event from the durable event log. The log stores each event id once for all time and
    /// the grain skips what it applied by log position, so the ring of recent ids, which guards the
    /// paths without a log, is neither searched nor grown: in PostgreSQL mode it was a hash and a
    /// search per event and up to a kilobyte of every stored state that no read ever needed.
    /// </summary>
    public void ApplyFromLog(TouchpointEvent e)
    {
        if (_state.Seen.Hashes.Length > 0)
        {
            // A state stored before events from the log skipped the ring: nothing reads it any more.
            _state.Seen = new SeenEvents();
        }

        Fold(e);
    }

    private void Fold(TouchpointEvent e)
    {
        AddToTimeline(e);
        if (e.IssueId is not null)
        {
            EffortLedger.Apply(_state.Issues, e);
        }

        switch (e.Type)
        {
            case TouchpointType.ContactInbound:
                Conversation.Apply(_state.Conversation, e, _rules, _state.Tasks.LiveKeys);
                Rhythm.Apply(_state.Rhythm, e.Id, e.OccurredAt);
                break;
            case TouchpointType.ContactOutbound:
            case TouchpointType.SocialMention:
                Conversation.Apply(_state.Conversation, e, _rules, _state.Tasks.LiveKeys);
                break;
            case TouchpointType.Usage:
                Rhythm.Apply(_state.Rhythm, e.Id, e.OccurredAt);
                Usage.Apply(_state.Usage, e.OccurredAt);
                break;
            case TouchpointType.Purchase:
            case TouchpointType.PaymentFailed:
            case TouchpointType.SubscriptionRenewal:
            case TouchpointType.SubscriptionCancelled:
                Commerce.Apply(_state.Commercial, e);
                break;
        }

        if (e.Score is not null || e.Sentiment is not null)
        {
            Surveys.Surveys.Apply(_state.Surveys, e);
        }
    }

    /// <summary>Sets the profile; a renewal date in it counts as set at <paramref name="now"/>.</summary>
    public void SetProfile(CustomerProfile profile, DateTimeOffset now)
    {
        var previous = _state.Profile;
        _state.Profile = profile;
        if (profile.RenewalDate != previous.RenewalDate)
        {
            Commerce.SetRenewal(_state.Commercial, profile.RenewalDate, now);
        }

        if (profile.OwnerId != previous.OwnerId)
        {
            _tasks.Reassign(profile.OwnerId);
        }
    }

    /// <summary>
    /// Re-scores health (recording a change with <paramref name="cause"/>), evaluates every rule,
    /// reconciles the tasks, and finds the next deadline.
    /// </summary>
    public Evaluation Evaluate(DateTimeOffset now, string cause) => Evaluate(now, cause, null);

    /// <summary>
    /// <see cref="Evaluate(DateTimeOffset, string)"/> after a batch whose newest event is
    /// <paramref name="newest"/>: the cause reads as <see cref="Describe"/> says, and is only written
    /// out if the score changed.
    /// </summary>
    public Evaluation Evaluate(DateTimeOffset now, TouchpointEvent newest) => Evaluate(now, null, newest);

    private Evaluation Evaluate(DateTimeOffset now, string? cause, TouchpointEvent? causeEvent)
    {
        try
        {
            return EvaluateCore(now, cause, causeEvent);
        }
        finally
        {
            // What the events' replies answered is this evaluation's to close, even one that failed.
            Conversation.ForgetAnswers(_state.Conversation);
        }
    }

    private Evaluation EvaluateCore(DateTimeOffset now, string? cause, TouchpointEvent? causeEvent)
    {
        var (score, band) = HealthScorer.Value(_state, now, _health, _rules, out var unchanging);
        var change = RecordHealth(score, band, now, cause, causeEvent);
        var verdicts = t_verdicts ??= new RuleVerdict[RuleNames.Count];
        RuleEvaluator.Evaluate(_state, score, band, now, _rules, verdicts);
        var (changed, bookDeadline) = _tasks.Reconcile(verdicts, new RuleMoment(_state, score, band, now, _rules), _state.Profile.OwnerId, now);

        DateTimeOffset? next = bookDeadline;
        var reason = next is null ? null : "task snooze or cool-down ends";
        for (var r = 0; r < verdicts.Length; r++)
        {
            if (verdicts[r].Deadline is { } deadline && deadline > now && (next is null || deadline < next))
            {
                next = deadline;
                reason = ((RuleId)r).ToName();
            }
        }

        if (HealthScorer.NextStep(_state, now) is { } step && (next is null || step < next))
        {
            next = step;
            reason = "health: renewal window opens or closes";
        }

        // The drift search ends before the next deadline: a change at that very moment is that
        // deadline's to explain.
        var horizon = now <= DateTimeOffset.MaxValue - HealthScorer.DriftHorizon ? now + HealthScorer.DriftHorizon : DateTimeOffset.MaxValue;
        var until = next is { } earlier && earlier <= horizon ? earlier - HealthScorer.DriftPrecision : horizon;
        if (HealthScorer.FindBandChange(_state, now, band, until, _health, _rules, unchanging) is { } drift)
        {
            next = drift.At;
            reason = drift.Band switch
            {
                HealthBand.Healthy => "health: drifts into healthy",
                HealthBand.Watch => "health: drifts into watch",
                _ => "health: drifts into at risk",
            };
        }

        return new Evaluation(this, now, change, (IReadOnlyList<OutreachTask>?)changed ?? [], next, reason);
    }

    /// <summary>
    /// How a score change caused by this event reads in the history, e.g. "event e-3 (contact 3 about
    /// issue B-1, contact.inbound via phone)".
    /// </summary>
    public string Describe(TouchpointEvent e)
    {
        var what = $"{e.Type.ToName()} via {e.Channel.ToName()}";
        if (e.IssueId is null)
        {
            return $"event {e.Id} ({what})";
        }

        foreach (var issue in _state.Issues)
        {
            if (issue.Id == e.IssueId && e.Type == TouchpointType.ContactInbound)
            {
                return $"event {e.Id} (contact {issue.Contacts} about issue {e.IssueId}, {what})";
            }
        }

        return $"event {e.Id} ({what}, issue {e.IssueId})";
    }

    /// <summary>
    /// Marks a live task done. For a conversation rule, done means the CSM answered: the contacts it
    /// waited on are handled (<see cref="Conversation.MarkHandled"/>), so later contacts are heard again.
    /// </summary>
    public OutreachTask CompleteTask(string taskId, string outcome, string? note, DateTimeOffset now)
    {
        var done = _tasks.Complete(taskId, outcome, note, now, _state.Issues);
        Conversation.MarkHandled(_state.Conversation, done.Rule, now);
        return done;
    }

    public OutreachTask SnoozeTask(string taskId, DateTimeOffset until, DateTimeOffset now) => _tasks.Snooze(taskId, until, now);

    public OutreachTask DismissTask(string taskId, string reason, DateTimeOffset now) => _tasks.Dismiss(taskId, reason, now);

    /// <summary>The health as of the last evaluation, with its reasons (recomputed: the state has not changed since).</summary>
    public HealthSnapshot Health() =>
        _state.Health.At is { } at ? HealthScorer.Score(_state, at, _health, _rules) : new HealthSnapshot(null, null, DateTimeOffset.MinValue, []);

    /// <summary>The health with its reasons at <paramref name="at"/>, from the state as it is.</summary>
    public HealthSnapshot HealthAt(DateTimeOffset at) => HealthScorer.Score(_state, at, _health, _rules);

    public IReadOnlyList<IssueLedger> OpenIssues(DateTimeOffset now)
    {
        var open = new List<IssueLedger>();
        foreach (var issue in _state.Issues)
        {
            if (issue.IsOpen)
            {
                open.Add(EffortLedger.ToLedger(issue, now));
            }
        }

        return open;
    }

    public IReadOnlyList<OutreachTask> Tasks()
    {
        var live = _state.Tasks.Live.OrderBy(t => t.Priority).ThenBy(t => t.DueAt);
        return [.. live, .. _state.Tasks.Closed];
    }

    /// <summary>
    /// Whether <see cref="PortfolioEntry"/> would equal <paramref name="reported"/>, without building
    /// one: asked after every batch, and the answer is almost always yes.
    /// </summary>
    public bool PortfolioEntryIs(PortfolioEntry? reported)
    {
        var profile = _state.Profile;
        if (reported is null || reported.CustomerId != _customerId || reported.Segment != profile.Segment || reported.OwnerId != profile.OwnerId
            || reported.Band != _state.Health.Band || reported.AnnualValue != profile.AnnualValue
            || reported.LatestNps != (_state.Surveys.Nps is { } nps ? (int)nps.Value : null)
            || reported.LatestNpsAt != _state.Surveys.Nps?.At
            || reported.EnteredAtRiskAt != _state.Health.EnteredAtRiskAt || reported.ChurnedAt != _state.Commercial.CancelledAt
            || reported.OpenTasksByRule.Count != RuleNames.Count)
        {
            return false;
        }

        Span<int> byRule = stackalloc int[RuleNames.Count];
        foreach (var task in _state.Tasks.Live)
        {
            byRule[(int)task.Rule]++;
        }

        for (var r = 0; r < byRule.Length; r++)
        {
            if (reported.OpenTasksByRule[r] != byRule[r])
            {
                return false;
            }
        }

        return Interfaces.Portfolio.PortfolioEntry.SameOutreach(reported.Outreach, Outreach());
    }

    /// <summary>What this customer adds to the portfolio figures now.</summary>
    public PortfolioEntry PortfolioEntry()
    {
        var byRule = new int[RuleNames.Count];
        foreach (var task in _state.Tasks.Live)
        {
            byRule[(int)task.Rule]++;
        }

        var outreach = Outreach();
        var profile = _state.Profile;
        return new PortfolioEntry(_customerId, profile.Segment, profile.OwnerId, _state.Health.Band, profile.AnnualValue,
            _state.Surveys.Nps is { } nps ? (int)nps.Value : null, _state.Health.EnteredAtRiskAt, byRule, _state.Commercial.CancelledAt,
            _state.Surveys.Nps?.At, outreach);
    }

    // The completed tasks, the latest closed first; null if none.
    private List<OutreachDone>? Outreach()
    {
        var closed = _state.Tasks.Closed;
        var front = closed.Count > 0 ? closed[0] : null;
        if (closed.Count == _outreachCount && ReferenceEquals(front, _outreachFront))
        {
            return _outreach;
        }

        List<OutreachDone>? outreach = null;
        foreach (var task in closed)
        {
            if (IsOutreach(task, out var done))
            {
                (outreach ??= []).Add(done);
            }
        }

        (_outreach, _outreachFront, _outreachCount) = (outreach, front, closed.Count);
        return outreach;
    }

    // Outreach as the portfolio counts it: a task marked done, at its closing time, or one a logged reply
    // closed, at the reply's time (a reply reported late can predate the task: it then took no time).
    private static bool IsOutreach(OutreachTask task, out OutreachDone done)
    {
        DateTimeOffset at;
        if (task.State == TaskState.Done)
        {
            at = task.UpdatedAt;
        }
        else if (task.RepliedAt is { } replied && task.State == TaskState.AutoClosed)
        {
            at = replied;
        }
        else
        {
            done = default;
            return false;
        }

        done = new OutreachDone(at, at > task.CreatedAt ? at - task.CreatedAt : TimeSpan.Zero, at <= task.DueAt, task.OwnerId);
        return true;
    }

    private ScoreChange? RecordHealth(int? newScore, HealthBand? band, DateTimeOffset now, string? cause, TouchpointEvent? causeEvent)
    {
        var state = _state.Health;
        var previous = state.Score;
        if (band != state.Band)
        {
            state.BandSince = now;

            // Entering needs a band to come from: a first score that happens to be low is reported by
            // the rules that saw the cause (detractor, complaint...), not as a fall.
            if (band == HealthBand.AtRisk && state.Band is not null)
            {
                state.EnteredAtRiskAt = now;
            }
        }

        state.Score = newScore;
        state.Band = band;
        state.At = now;
        if (newScore is not { } score || score == previous)
        {
            return null;
        }

        cause ??= Describe(causeEvent!);
        var change = new ScoreChange(now, previous, score, cause);
        state.History.AddNewest(change, _limits.ScoreHistory);

        return change;
    }

    // Newest first by (time, id), so the kept window is the same whatever the arrival order.
    private void AddToTimeline(TouchpointEvent e) => _state.Timeline.Add(e, _limits.Timeline);
}
