using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CustomerSuccess.Api.Tests;

/// <summary>The rules' thresholds and the score's settings come from the engine's configuration.</summary>
public sealed class DomainSettingsTests
{
    private static async Task<string[]> LiveRulesAsync(ApiFactory factory, string customer)
    {
        using var client = factory.ClientFor("admin");
        var view = await client.GetFromJsonAsync<JsonElement>($"/v1/customers/{customer}");
        return [.. view.GetProperty("openTasks").EnumerateArray().Select(t => t.GetProperty("rule").GetString()!)];
    }

    [Fact]
    public async Task A_threshold_set_in_the_rules_section_changes_when_a_task_is_raised()
    {
        // Two contacts about one issue raise unresolved-effort by default; configured at three, they do not.
        object[] twoContacts =
        [
            Http.Event("c-1", "contact.inbound", ApiFactory.Start.AddMinutes(-20), "email", issueId: "B-1"),
            Http.Event("c-1", "contact.inbound", ApiFactory.Start.AddMinutes(-10), "email", issueId: "B-1"),
        ];
        await using var byDefault = new ApiFactory();
        await using var configured = new ApiFactory { Settings = new Dictionary<string, string> { ["Rules:EffortContacts"] = "3", ["Rules:EffortChannels"] = "3" } };
        foreach (var factory in new[] { byDefault, configured })
        {
            using var ingest = factory.ClientFor("ingest");
            Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostEventsAsync(twoContacts)).StatusCode);
        }

        Assert.Contains("unresolved-effort", await LiveRulesAsync(byDefault, "c-1"));
        Assert.DoesNotContain("unresolved-effort", await LiveRulesAsync(configured, "c-1"));
    }

    [Theory]
    [InlineData("Rules:EffortContacts", "12", "EffortContacts must be between 0 and 8 (was 12)")]
    [InlineData("Rules:UsageBaselineWeeks", "6", "UsageBaselineWeeks must be between 1 and 4 (was 6)")]
    [InlineData("Health:HealthyFrom", "30", "WatchFrom")]
    [InlineData("Rules:EfortContacts", "3", "EfortContacts")]
    public void A_setting_the_domain_cannot_honour_stops_the_start_and_names_it(string name, string value, string expected)
    {
        using var factory = new ApiFactory { Settings = new Dictionary<string, string> { [name] = value } };

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains(expected, error.Message);
    }
}
