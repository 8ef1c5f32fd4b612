using System.Text.Json.Serialization;

namespace CustomerSuccess.Grains.Domain.Commercial;

/// <summary>Payments, renewal and cancellation, each kept as "latest by occurrence time".</summary>
public sealed class CommercialState
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastPaymentFailedAt { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastPaymentFailedId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? LastPaymentFailedValue { get; set; }

    /// <summary>The latest purchase or payment.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastPaymentAt { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastPaymentId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? CancelledAt { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CancelledId { get; set; }

    /// <summary>The renewal date from the latest subscription.renewal event or profile update.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RenewalDate { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RenewalSetAt { get; set; }

    [JsonIgnore]
    public bool HasData => LastPaymentFailedAt is not null || LastPaymentAt is not null || CancelledAt is not null || RenewalDate is not null;

    /// <summary>A payment failed and no purchase or payment came after it.</summary>
    [JsonIgnore]
    public bool PaymentOutstanding => LastPaymentFailedAt is { } failed && (LastPaymentAt is not { } paid || paid < failed);
}
