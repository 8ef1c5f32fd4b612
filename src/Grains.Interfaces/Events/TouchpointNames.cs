using System.Diagnostics.CodeAnalysis;

namespace CustomerSuccess.Grains.Interfaces.Events;

/// <summary>
/// The stable wire names of event types and channels ("contact.inbound", "email"). They are part of
/// the integrators' contract, so they are spelled out here rather than derived from enum member names.
/// </summary>
public static class TouchpointNames
{
    private static readonly string[] TypeNames =
    [
        "contact.inbound", "contact.outbound", "issue.opened", "issue.resolved", "issue.reopened",
        "usage", "purchase", "payment.failed", "survey.nps", "survey.csat", "survey.ces",
        "social.mention", "subscription.renewal", "subscription.cancelled",
    ];

    private static readonly string[] ChannelNames =
        ["other", "email", "phone", "chat", "social", "app", "web", "store", "survey", "billing"];

    public static IReadOnlyList<string> AllTypes => TypeNames;

    public static IReadOnlyList<string> AllChannels => ChannelNames;

    public static string ToName(this TouchpointType type) => TypeNames[(int)type];

    public static string ToName(this Channel channel) => ChannelNames[(int)channel];

    public static bool TryParseType(string? name, [NotNullWhen(true)] out TouchpointType? type)
    {
        var index = Array.IndexOf(TypeNames, name);
        type = index < 0 ? null : (TouchpointType)index;
        return type is not null;
    }

    public static bool TryParseChannel(string? name, [NotNullWhen(true)] out Channel? channel)
    {
        var index = Array.IndexOf(ChannelNames, name);
        channel = index < 0 ? null : (Channel)index;
        return channel is not null;
    }
}
