using CustomerSuccess.Actors.Runtime;

namespace CustomerSuccess.Grains;

/// <summary>Registers the product's grain classes on a silo.</summary>
public static class GrainRegistration
{
    public static SiloBuilder AddCustomerSuccessGrains(this SiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
