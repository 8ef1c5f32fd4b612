using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Backtest.Replay;

/// <summary>
/// Watches the replayed events for the outcomes a backtest measures rules against: a customer
/// cancelling (<c>subscription.cancelled</c>), and a customer contacting again about an issue that is
/// still unresolved (a second inbound contact while the issue is open). Issues follow DOMAIN.md: open
/// from the first event with the issue id until <c>issue.resolved</c>; <c>issue.reopened</c> opens it again.
/// Fed in replay order, one event at a time; keeps the first outcome of each kind per customer.
/// </summary>
public sealed class OutcomeTracker
{
    private readonly Dictionary<(string Customer, string Issue), IssueTrack> _issues = new();
    private readonly Dictionary<string, DateTimeOffset> _cancellations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RepeatContact> _repeats = new(StringComparer.Ordinal);

    /// <summary>The first cancellation time per customer.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Cancellations => _cancellations;

    /// <summary>The first repeat contact about a still-open issue, per customer.</summary>
    public IReadOnlyDictionary<string, RepeatContact> RepeatContacts => _repeats;

    public void Observe(TouchpointEvent e)
    {
        if (e.Type == TouchpointType.SubscriptionCancelled)
        {
            // A late event can show an earlier cancellation.
            if (!_cancellations.TryGetValue(e.CustomerId, out var known) || e.OccurredAt < known)
            {
                _cancellations[e.CustomerId] = e.OccurredAt;
            }
        }

        if (e.IssueId is not { } issueId)
        {
            return;
        }

        var key = (e.CustomerId, issueId);
        _issues.TryGetValue(key, out var track);
        switch (e.Type)
        {
            case TouchpointType.IssueResolved:
                track = default;
                break;
            case TouchpointType.IssueReopened:
                track = new IssueTrack(true, e.OccurredAt, 0);
                break;
            default:
                if (!track.Open)
                {
                    track = new IssueTrack(true, e.OccurredAt, 0);
                }

                if (e.Type == TouchpointType.ContactInbound)
                {
                    track = track with { Contacts = track.Contacts + 1 };
                    if (track.Contacts == 2 && !_repeats.ContainsKey(e.CustomerId))
                    {
                        _repeats[e.CustomerId] = new RepeatContact(issueId, track.OpenedAt, e.OccurredAt, e.Id);
                    }
                }

                break;
        }

        _issues[key] = track;
    }

    private readonly record struct IssueTrack(bool Open, DateTimeOffset OpenedAt, int Contacts);
}

/// <summary>A second inbound contact (<see cref="EventId"/>) about an issue still open since <see cref="OpenedAt"/>.</summary>
public sealed record RepeatContact(string IssueId, DateTimeOffset OpenedAt, DateTimeOffset At, string EventId);
