namespace CustomerSuccess.Api.Paging;

/// <summary>Page sizes asked for in ?limit=.</summary>
public static class PageLimit
{
    /// <summary>Null when the limit is out of range (the caller answers 400).</summary>
    public static int? Resolve(int? requested, int fallback, int max) =>
        requested switch
        {
            null => fallback,
            >= 1 when requested <= max => requested,
            _ => null,
        };
}
