namespace CustomerSuccess.Grains.Interfaces.Customers;

/// <summary>Who the customer is commercially. <see cref="OwnerId"/> is the owning CSM; null means unassigned.</summary>
public sealed record CustomerProfile(
    string? Name = null,
    string? Segment = null,
    string? OwnerId = null,
    decimal AnnualValue = 0,
    DateTimeOffset? RenewalDate = null);
