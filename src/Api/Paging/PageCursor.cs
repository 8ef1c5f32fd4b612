using System.Buffers.Text;
using System.Text;

namespace CustomerSuccess.Api.Paging;

/// <summary>
/// Opaque cursors: the sort key of the last item of a page, base64url-encoded. Clients must not
/// build them; keyset positions (not offsets) keep pages stable while items are added in front.
/// </summary>
public static class PageCursor
{
    private const char Separator = '\n';

    public static string Encode(params string[] parts) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(Separator, parts)));

    public static string[]? Decode(string? cursor, int expectedParts)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 1024)
        {
            return null;
        }

        try
        {
            // At most the parts expected: the last (an id) keeps any separator of an id stored before ids refused control characters.
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(Separator, expectedParts);
            return parts.Length == expectedParts ? parts : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
