using CustomerSuccess.Grains.Interfaces.Health;

namespace CustomerSuccess.Grains.Interfaces.Portfolio;

/// <summary>
/// What one customer contributes to the portfolio figures. A customer grain sends it to its
/// partition only when it differs from the last one sent, never per event.
/// </summary>
/// <remarks>
/// <c>LatestNps</c>: The customer's latest NPS answer (0-10), if any.<br/>
/// <c>LatestNpsAt</c>: When it was answered; null in entries stored before the engine kept it.<br/>
/// <c>Outreach</c>: The tasks a CSM completed that the customer still holds, the latest closed first.<br/>
/// <c>EnteredAtRiskAt</c>: When the customer last entered the at-risk band, if it did.<br/>
/// <c>OpenTasksByRule</c>: Live (open or snoozed) task count per rule, indexed by <see cref="Tasks.RuleId"/>.<br/>
/// <c>ChurnedAt</c>: When the customer cancelled its subscription, if it did: it then counts as churned,
/// not in a band.<br/>
/// </remarks>
public sealed record PortfolioEntry(
    string CustomerId,
    string? Segment,
    string? OwnerId,
    HealthBand? Band,
    decimal AnnualValue,
    int? LatestNps,
    DateTimeOffset? EnteredAtRiskAt,
    IReadOnlyList<int> OpenTasksByRule,
    DateTimeOffset? ChurnedAt = null,
    DateTimeOffset? LatestNpsAt = null,
    IReadOnlyList<OutreachDone>? Outreach = null)
{
    public bool Equals(PortfolioEntry? other) =>
        other is not null && CustomerId == other.CustomerId && Segment == other.Segment && OwnerId == other.OwnerId
        && Band == other.Band && AnnualValue == other.AnnualValue && LatestNps == other.LatestNps
        && EnteredAtRiskAt == other.EnteredAtRiskAt && OpenTasksByRule.SequenceEqual(other.OpenTasksByRule)
        && ChurnedAt == other.ChurnedAt && LatestNpsAt == other.LatestNpsAt
        && SameOutreach(Outreach, other.Outreach);

    /// <summary>Whether two lists of completed tasks are equal, none and empty alike.</summary>
    public static bool SameOutreach(IReadOnlyList<OutreachDone>? a, IReadOnlyList<OutreachDone>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }

        for (var i = 0; i < (a?.Count ?? 0); i++)
        {
            if (a![i] != b![i])
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => HashCode.Combine(CustomerId, Band, AnnualValue, LatestNps, EnteredAtRiskAt);
}
