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
    public const int MaxAttributes = 32;

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
            var parsed = ParseEvent(new JsonFields(element, index, errors), now);
            if (parsed is not null)
            {
                events.Add(parsed);
            }

            index++;
        }

        return new EventBatch(events, errors, TooMany: false);
    }

    private static TouchpointEvent? ParseEvent(JsonFields f, DateTimeOffset now)
    {
        if (!f.IsObject)
        {
            f.Fail("", "Each event must be a JSON object.");
            return null;
        }

        var id = f.String("id", required: true);
        var customerId = f.String("customerId", required: true);
        var typeName = f.String("type", required: true, maxLength: 64);
        TouchpointType? type = null;
        if (typeName is not null && !TouchpointNames.TryParseType(typeName, out type))
        {
            f.Fail("type", $"'{typeName}' is not a known type; known types: {string.Join(", ", TouchpointNames.AllTypes)}.");
        }

        var occurredAt = f.Time("occurredAt", required: true);
        if (occurredAt > now + FutureTolerance)
        {
            f.Fail("occurredAt", $"is more than {FutureTolerance.TotalMinutes:0} minutes in the future.");
        }

        Channel? channel = Channel.Other;
        var channelName = f.String("channel", maxLength: 64);
        if (channelName is not null && !TouchpointNames.TryParseChannel(channelName, out channel))
        {
            f.Fail("channel", $"'{channelName}' is not a known channel; known channels: {string.Join(", ", TouchpointNames.AllChannels)}.");
        }

        var issueId = f.String("issueId");
        var sentiment = f.Number("sentiment", min: -1, max: 1);
        var score = ParseScore(f, type);
        var isPublic = f.Boolean("public");
        var reach = f.Integer("reach", min: 0);
        var value = f.Decimal("value");
        var waitSeconds = f.Number("waitSeconds", min: 0);
        var attributes = f.StringMap("attributes", MaxAttributes, maxKeyLength: 64, maxValueLength: 1024);
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

    /// <summary>A survey answer is required and must be on its survey's scale; other types may carry none.</summary>
    private static double? ParseScore(JsonFields f, TouchpointType? type)
    {
        (double Min, double Max)? scale = type switch
        {
            TouchpointType.SurveyNps => (0, 10),
            TouchpointType.SurveyCsat => (1, 5),
            TouchpointType.SurveyCes => (1, 7),
            _ => null,
        };
        return scale is { } s ? f.Number("score", required: true, s.Min, s.Max) : f.Number("score");
    }

    private static void RequireRenewalDate(JsonFields f, IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes?.GetValueOrDefault("renewalDate") is not { } date)
        {
            f.Fail("attributes.renewalDate", "is required for subscription.renewal.");
        }
        else if (!Rfc3339.TryParse(date, out _) && !DateOnly.TryParseExact(date, "yyyy-MM-dd", out _))
        {
            f.Fail("attributes.renewalDate", $"must be a date (2026-12-31) or an RFC 3339 time (got '{date}').");
        }
    }
}

/// <summary>The touchpoints of a batch, or the problems that refuse it.</summary>
public sealed record EventBatch(IReadOnlyList<TouchpointEvent> Events, IReadOnlyList<FieldError> Errors, bool TooMany);
