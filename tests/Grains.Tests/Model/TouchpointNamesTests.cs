using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class TouchpointNamesTests
{
    [Fact]
    public void Every_event_type_channel_and_rule_has_a_stable_wire_name_that_parses_back()
    {
        foreach (var type in Enum.GetValues<TouchpointType>())
        {
            Assert.True(TouchpointNames.TryParseType(type.ToName(), out var parsed));
            Assert.Equal(type, parsed);
        }

        foreach (var channel in Enum.GetValues<Channel>())
        {
            Assert.True(TouchpointNames.TryParseChannel(channel.ToName(), out var parsed));
            Assert.Equal(channel, parsed);
        }

        foreach (var rule in Enum.GetValues<RuleId>())
        {
            Assert.True(RuleNames.TryParse(rule.ToName(), out var parsed));
            Assert.Equal(rule, parsed);
        }

        Assert.Equal("contact.inbound", TouchpointType.ContactInbound.ToName());
        Assert.Equal("subscription.cancelled", TouchpointType.SubscriptionCancelled.ToName());
        Assert.Equal("email", Channel.Email.ToName());
        Assert.Equal("unresolved-effort", RuleId.UnresolvedEffort.ToName());
        Assert.False(TouchpointNames.TryParseType("Contact.Inbound", out _));
        Assert.False(TouchpointNames.TryParseChannel("fax", out _));
    }
}
