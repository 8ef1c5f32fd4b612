using System.Text.Json;
using CustomerSuccess.Api.Validation;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Api.Events;

/// <summary>
/// Turns a posted batch ({"events":[...]}) into touchpoints, collecting every problem of every event
/// rather than stopping at the first, because a batch with any bad event is refused whole.
/// </summary>
public static class EventBatchParser
{
    public const int MaxEvents = 5_000;
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxAttributes = TouchpointLimits.MaxAttributes;

    /// <summary>Events may be stamped slightly ahead of our clock (clock skew), not more.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public static EventBatch Parse(JsonElement root, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("events", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError(null, "events", "The body must be an object with an \"events\" array."));
            return new EventBatch([], errors, TooMany: false);
        }

        var count = array.GetArrayLength();
        if (count > MaxEvents)
        {
            errors.Add(new FieldError(null, "events", $"A batch holds at most {MaxEvents} events (this one has {count})."));
            return new EventBatch([], errors, TooMany: true);
        }

        if (count == 0)
        {
            errors.Add(new FieldError(null, "events", "A batch holds at least one event."));
            return new EventBatch([], errors, TooMany: false);
        }

        var events = new List<TouchpointEvent>(count);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (ParseEvent(element, new JsonFields(element, index, errors), now) is { } parsed)
            {
                events.Add(parsed);
            }

            index++;
        }

        return new EventBatch(events, errors, TooMany: false);
    }

    private static TouchpointEvent? ParseEvent(JsonElement element, JsonFields f, DateTimeOffset now)
    {
        if (!f.IsObject)
        {
            f.Fail("", "Each event must be a JSON object.");
            return null;
        }

        EventFields v;
        try
        {
            v = EventFields.Of(element);
        }
        catch (InvalidOperationException)
        {
            // It is an object (checked above): only comparing a name that is an unpaired surrogate escape throws.
            f.FailInvalidName();
            return null;
        }

        // The checks run in the documented order, so a bad event's problems are listed as before.
        var id = f.String("id", v.Id, required: true);
        var customerId = f.String("customerId", v.CustomerId, required: true);
        TouchpointType? type = null;
        if (WireNameLookup.TryType(v.Type, out var knownType))
        {
            type = knownType;
        }
        else if (f.String("type", v.Type, required: true, maxLength: 64) is { } typeName && !TouchpointNames.TryParseType(typeName, out type))
        {
            f.Fail("type", $"'{typeName}' is not a known type; known types: {string.Join(", ", TouchpointNames.AllTypes)}.");
        }

        var occurredAt = f.Time("occurredAt", v.OccurredAt, required: true);
        if (occurredAt > now + FutureTolerance)
        {
            f.Fail("occurredAt", $"is more than {FutureTolerance.TotalMinutes:0} minutes in the future.");
        }

        Channel? channel = Channel.Other;
        if (WireNameLookup.TryChannel(v.Channel, out var knownChannel))
        {
            channel = knownChannel;
        }
        else if (f.String("channel", v.Channel, maxLength: 64) is { } channelName && !TouchpointNames.TryParseChannel(channelName, out channel))
        {
            f.Fail("channel", $"'{channelName}' is not a known channel; known channels: {string.Join(", ", TouchpointNames.AllChannels)}.");
        }

        var issueId = f.String("issueId", v.IssueId);
        var sentiment = f.Number("sentiment", v.Sentiment, min: -1, max: 1);
        var score = ParseScore(f, v.Score, type);
        var isPublic = f.Boolean("public", v.Public);
        var reach = f.Integer("reach", v.Reach, min: 0);
        var value = f.Decimal("value", v.Value, min: -TouchpointLimits.MaxMoney, max: TouchpointLimits.MaxMoney);
        var waitSeconds = f.Number("waitSeconds", v.WaitSeconds, min: 0, max: TouchpointLimits.MaxWaitSeconds);
        var attributes = f.StringMap("attributes", v.Attributes, MaxAttributes, maxKeyLength: 64, maxValueLength: 1024);
        if (type == TouchpointType.SubscriptionRenewal)
        {
            RequireRenewalDate(f, attributes);
        }

        if (id is null || customerId is null || type is null || occurredAt is null || channel is null)
        {
            return null;
        }

        return new TouchpointEvent(id, customerId, type.Value, occurredAt.Value, channel.Value, issueId, sentiment, score,
            isPublic ?? false, reach ?? 0, value, waitSeconds ?? 0, attributes);
    }

    /// <summary>A survey answer is required and must be a whole point of its survey's scale; other types may carry none.</summary>
    private static double? ParseScore(JsonFields f, JsonElement score, TouchpointType? type)
    {
        if (type is not { } t || TouchpointLimits.ScoreScale(t) is not { } s)
        {
            return f.Number("score", score);
        }

        var answer = f.Number("score", score, required: true, s.Min, s.Max);
        if (answer is { } value && TouchpointLimits.ScoreProblem(t, value) is { } problem)
        {
            f.Fail("score", problem);
            return null;
        }

        return answer;
    }

    private static void RequireRenewalDate(JsonFields f, IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes?.GetValueOrDefault("renewalDate") is not { } date)
        {
            f.Fail("attributes.renewalDate", "is required for subscription.renewal.");
        }
        else if (!TouchpointLimits.IsRenewalDate(date))
        {
            f.Fail("attributes.renewalDate", $"must be a date (2026-12-31) or an RFC 3339 time (got '{date}').");
        }
    }
}

/// <summary>The touchpoints of a batch, or the problems that refuse it.</summary>
public sealed record EventBatch(IReadOnlyList<TouchpointEvent> Events, IReadOnlyList<FieldError> Errors, bool TooMany);
