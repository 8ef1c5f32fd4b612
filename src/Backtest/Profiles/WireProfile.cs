namespace CustomerSuccess.Backtest.Profiles;

/// <summary>A customer profile as written in a profiles file: the body of PUT /v1/customers/{id} plus the customer id.</summary>
public sealed class WireProfile
{
    public string? CustomerId { get; set; }
    public string? Name { get; set; }
    public string? Segment { get; set; }
    public string? OwnerId { get; set; }
    public decimal? AnnualValue { get; set; }
    public string? RenewalDate { get; set; }

    public static readonly string[] FieldNames = ["customerId", "name", "segment", "ownerId", "annualValue", "renewalDate"];
}
