using System.Globalization;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Domain.Commercial;

/// <summary>Folds payments, renewals and cancellations into <see cref="CommercialState"/>.</summary>
public static class Commerce
{
    public static void Apply(CommercialState state, TouchpointEvent e)
    {
        var at = e.OccurredAt;
        switch (e.Type)
        {
            case TouchpointType.PaymentFailed when state.LastPaymentFailedAt is not { } failed || at > failed:
                state.LastPaymentFailedAt = at;
                state.LastPaymentFailedId = e.Id;
                state.LastPaymentFailedValue = e.Value;
                break;
            case TouchpointType.Purchase when state.LastPaymentAt is not { } paid || at > paid:
                state.LastPaymentAt = at;
                state.LastPaymentId = e.Id;
                break;
            case TouchpointType.SubscriptionCancelled when state.CancelledAt is not { } cancelled || at > cancelled:
                state.CancelledAt = at;
                state.CancelledId = e.Id;
                break;
            case TouchpointType.SubscriptionRenewal:
                if (e.Attributes is not null && e.Attributes.TryGetValue("renewalDate", out var text)
                    && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    SetRenewal(state, date, at);
                }

                break;
        }
    }

    /// <summary>The latest setting wins, whether it came from an event or the profile.</summary>
    public static void SetRenewal(CommercialState state, DateTimeOffset? date, DateTimeOffset setAt)
    {
        if (state.RenewalSetAt is { } previous && setAt < previous)
        {
            return;
        }

        state.RenewalDate = date;
        state.RenewalSetAt = setAt;
    }
}
