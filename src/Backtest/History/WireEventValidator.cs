using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Backtest.History;

/// <summary>
/// The checks of POST /v1/events (docs/API.md) applied to one history row, so a file the backtest
/// accepts is one the API would accept too. Stops at the row's first problem: the message names the field.
/// </summary>
public static class WireEventValidator
{
    public const int MaxAttributes = TouchpointLimits.MaxAttributes;

    public static bool TryBuild(WireEvent w, [NotNullWhen(true)] out TouchpointEvent? e, [NotNullWhen(false)] out string? error)
    {
        e = null;
        error = Check(w, out var type, out var occurredAt, out var channel);
        if (error is not null)
        {
            return false;
        }

        e = new TouchpointEvent(w.Id!, w.CustomerId!, type, occurredAt, channel, string.IsNullOrEmpty(w.IssueId) ? null : w.IssueId,
            w.Sentiment, w.Score, w.Public ?? false, w.Reach ?? 0, w.Value, w.WaitSeconds ?? 0,
            w.Attributes is { Count: > 0 } attributes ? attributes : null);
        return true;
    }

    private static string? Check(WireEvent w, out TouchpointType type, out DateTimeOffset occurredAt, out Channel channel)
    {
        type = default;
        occurredAt = default;
        channel = Channel.Other;
        if (Id("id", w.Id) is { } idError)
        {
            return idError;
        }

        if (Id("customerId", w.CustomerId) is { } customerError)
        {
            return customerError;
        }

        if (string.IsNullOrEmpty(w.Type))
        {
            return "type: is required.";
        }

        if (!TouchpointNames.TryParseType(w.Type, out var parsedType))
        {
            return $"type: '{w.Type}' is not a known type; known types: {string.Join(", ", TouchpointNames.AllTypes)}.";
        }

        type = parsedType.Value;
        if (string.IsNullOrEmpty(w.OccurredAt))
        {
            return "occurredAt: is required.";
        }

        if (!Rfc3339Time.TryParse(w.OccurredAt, out occurredAt))
        {
            return $"occurredAt: '{w.OccurredAt}' is not an RFC 3339 time with an offset (2026-01-05T09:00:00Z).";
        }

        if (!string.IsNullOrEmpty(w.Channel))
        {
            if (!TouchpointNames.TryParseChannel(w.Channel, out var parsedChannel))
            {
                return $"channel: '{w.Channel}' is not a known channel; known channels: {string.Join(", ", TouchpointNames.AllChannels)}.";
            }

            channel = parsedChannel.Value;
        }

        if (w.IssueId is { } issueId && TouchpointLimits.IdProblem(issueId) is { } issueProblem)
        {
            return $"issueId: {issueProblem}";
        }

        if (w.Sentiment is { } sentiment && (double.IsNaN(sentiment) || sentiment < -1 || sentiment > 1))
        {
            return $"sentiment: {Number(sentiment)} is outside -1..1.";
        }

        if (ScoreError(type, w.Score) is { } scoreError)
        {
            return scoreError;
        }

        if (w.Reach is < 0)
        {
            return "reach: must be 0 or more.";
        }

        if (w.WaitSeconds is { } wait && (double.IsNaN(wait) || wait < 0 || wait > TouchpointLimits.MaxWaitSeconds))
        {
            return $"waitSeconds: must be between 0 and {Number(TouchpointLimits.MaxWaitSeconds)}.";
        }

        if (w.Value is { } value && Math.Abs(value) > TouchpointLimits.MaxMoney)
        {
            var max = TouchpointLimits.MaxMoney.ToString(CultureInfo.InvariantCulture);
            return $"value: must be between -{max} and {max}.";
        }

        if (w.Attributes is { Count: > MaxAttributes })
        {
            return $"attributes: at most {MaxAttributes} (this row has {w.Attributes.Count}).";
        }

        return type == TouchpointType.SubscriptionRenewal ? RenewalDateError(w.Attributes) : null;
    }

    private static string? Id(string field, string? value) =>
        string.IsNullOrEmpty(value) ? $"{field}: is required."
        : TouchpointLimits.IdProblem(value) is { } problem ? $"{field}: {problem}"
        : null;

    /// <summary>A survey answer is required and on its survey's scale; other types may carry none.</summary>
    private static string? ScoreError(TouchpointType type, double? score)
    {
        if (TouchpointLimits.ScoreScale(type) is not { } s)
        {
            return null;
        }

        if (score is not { } value)
        {
            return $"score: is required for {type.ToName()}.";
        }

        return double.IsNaN(value) || value < s.Min || value > s.Max
            ? $"score: {Number(value)} is outside {Number(s.Min)}..{Number(s.Max)} for {type.ToName()}."
            : TouchpointLimits.ScoreProblem(type, value) is { } problem ? $"score: {problem}" : null;
    }

    private static string? RenewalDateError(Dictionary<string, string>? attributes)
    {
        if (attributes?.GetValueOrDefault("renewalDate") is not { } date)
        {
            return "attributes.renewalDate: is required for subscription.renewal.";
        }

        return TouchpointLimits.IsRenewalDate(date)
            ? null
            : $"attributes.renewalDate: must be a date (2026-12-31) or an RFC 3339 time (got '{date}').";
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
