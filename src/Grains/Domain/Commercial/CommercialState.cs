using System.Text.Json.Serialization;

namespace CustomerSuccess.Grains.Domain.Commercial;

/// <summary>Payments, renewal and cancellation, each kept as "latest by occurrence time".</summary>
public sealed class CommercialState
{
    public DateTimeOffset? LastPaymentFailedAt { get; set; }

    public string? LastPaymentFailedId { get; set; }

    public decimal? LastPaymentFailedValue { get; set; }

    /// <summary>The latest purchase or payment.</summary>
    public DateTimeOffset? LastPaymentAt { get; set; }

    public string? LastPaymentId { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelledId { get; set; }

    /// <summary>The renewal date from the latest subscription.renewal event or profile update.</summary>
    public DateTimeOffset? RenewalDate { get; set; }

    public DateTimeOffset? RenewalSetAt { get; set; }

    [JsonIgnore]
    public bool HasData => LastPaymentFailedAt is not null || LastPaymentAt is not null || CancelledAt is not null || RenewalDate is not null;

    /// <summary>A payment failed and no purchase or payment came after it.</summary>
    [JsonIgnore]
    public bool PaymentOutstanding => LastPaymentFailedAt is { } failed && (LastPaymentAt is not { } paid || paid < failed);
}
