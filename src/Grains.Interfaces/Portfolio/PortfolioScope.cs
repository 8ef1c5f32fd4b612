namespace CustomerSuccess.Grains.Interfaces.Portfolio;

/// <summary>
/// A slice of the portfolio as the snapshot's filters cut it: everything (both null), one segment,
/// one CSM, or one CSM's customers within one segment.
/// </summary>
public readonly record struct PortfolioScope(string? Segment, string? OwnerId)
{
    public static readonly PortfolioScope All = new(null, null);

    /// <summary>The scope of a filter (or of a customer's profile), an empty value counting as none.</summary>
    public static PortfolioScope Of(string? segment, string? ownerId) =>
        new(string.IsNullOrEmpty(segment) ? null : segment, string.IsNullOrEmpty(ownerId) ? null : ownerId);
}
