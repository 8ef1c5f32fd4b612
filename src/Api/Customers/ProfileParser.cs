using System.Text.Json;
using CustomerSuccess.Api.Validation;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Api.Customers;

/// <summary>Reads PUT /v1/customers/{id}: {name, segment, ownerId, annualValue, renewalDate}.</summary>
public static class ProfileParser
{
    public static CustomerProfile? Parse(JsonElement root, List<FieldError> errors)
    {
        var f = new JsonFields(root, null, errors);
        if (!f.IsObject)
        {
            f.Fail("", "The body must be a JSON object.");
            return null;
        }

        var name = f.String("name", required: true, maxLength: 200, freeText: true);
        var segment = f.String("segment");
        var ownerId = f.String("ownerId");
        if (ownerId == ITaskBoardGrain.Unassigned)
        {
            // The board of customers without a CSM has this key; an owner of that name would share it.
            f.Fail("ownerId", $"'{ITaskBoardGrain.Unassigned}' is reserved; leave ownerId out for a customer without a CSM.");
        }

        var annualValue = f.Decimal("annualValue", min: 0, max: TouchpointLimits.MaxMoney);
        var renewalDate = f.Time("renewalDate");
        return errors.Count > 0 ? null : new CustomerProfile(name, segment, string.IsNullOrEmpty(ownerId) ? null : ownerId, annualValue ?? 0, renewalDate);
    }
}
