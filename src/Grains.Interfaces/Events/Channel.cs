namespace CustomerSuccess.Grains.Interfaces.Events;

/// <summary>Where a touchpoint happened. The wire names are in <see cref="TouchpointNames"/>.</summary>
public enum Channel
{
    Other,
    Email,
    Phone,
    Chat,
    Social,
    App,
    Web,
    Store,
    Survey,
    Billing,
}
