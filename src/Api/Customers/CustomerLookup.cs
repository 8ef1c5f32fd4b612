using CustomerSuccess.Grains.Interfaces.Customers;

namespace CustomerSuccess.Api.Customers;

/// <summary>
/// Decides whether a customer exists: it has a profile or at least one event on its timeline.
/// Asking activates the customer's grain (there is no directory of customers to consult without
/// it), but an activation that changes nothing writes no state and is collected when idle, so a
/// random id leaves no trace in storage.
/// </summary>
public static class CustomerLookup
{
    private static readonly CustomerProfile NoProfile = new();

    public static async Task<bool> ExistsAsync(ICustomerGrain customer)
    {
        var profile = await customer.GetProfileAsync();
        if (profile != NoProfile)
        {
            return true;
        }

        var timeline = await customer.GetTimelineAsync(0, 1);
        return timeline.Total > 0;
    }
}
