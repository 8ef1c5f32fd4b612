using System.Text;
using System.Text.Json;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Api.Events;

/// <summary>
/// Event types and channels matched on the JSON value's UTF-8 bytes, so a known name costs no string.
/// The names are <see cref="TouchpointNames"/>' own; an unknown or oddly spelled value is not decided
/// here (false) and goes through the string path, which words the refusal.
/// </summary>
public static class WireNameLookup
{
    private static readonly byte[][] Types = [.. TouchpointNames.AllTypes.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] Channels = [.. TouchpointNames.AllChannels.Select(Encoding.UTF8.GetBytes)];

    public static bool TryType(JsonElement value, out TouchpointType type)
    {
        var index = IndexOf(Types, value);
        type = (TouchpointType)index;
        return index >= 0;
    }

    public static bool TryChannel(JsonElement value, out Channel channel)
    {
        var index = IndexOf(Channels, value);
        channel = (Channel)index;
        return index >= 0;
    }

    private static int IndexOf(byte[][] names, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return -1;
        }

        // ValueEquals compares the unescaped value, so an escaped spelling of a name matches as well.
        for (var i = 0; i < names.Length; i++)
        {
            if (value.ValueEquals(names[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
