using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CustomerSuccess.Api.Tests;

public sealed class CustomersApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static object Profile(string owner = "csm-anna") => new
    {
        name = "Acme GmbH",
        segment = "enterprise",
        ownerId = owner,
        annualValue = 120000.50m,
        renewalDate = "2026-09-30T00:00:00Z",
    };

    [Fact]
    public async Task A_profile_that_was_put_is_returned_with_the_customer()
    {
        using var ingest = factory.ClientFor("ingest");
        using var csm = factory.ClientFor("csm");
        var customer = Http.NewId("c");

        var put = await ingest.PutAsJsonAsync($"/v1/customers/{customer}", Profile());
        var body = await (await csm.GetAsync($"/v1/customers/{customer}")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var profile = body.GetProperty("profile");
        Assert.Equal("Acme GmbH", profile.GetProperty("name").GetString());
        Assert.Equal("csm-anna", profile.GetProperty("ownerId").GetString());
        Assert.Equal(120000.50m, profile.GetProperty("annualValue").GetDecimal());
        Assert.Equal("2026-09-30T00:00:00Z", profile.GetProperty("renewalDate").GetString());
    }

    [Fact]
    public async Task An_invalid_profile_is_refused_with_every_problem_named()
    {
        using var ingest = factory.ClientFor("ingest");
        var customer = Http.NewId("c");

        var response = await ingest.PutAsJsonAsync($"/v1/customers/{customer}",
            new { segment = 5, annualValue = -1, renewalDate = "next year", ownerId = new string('o', 129) });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(new[] { ":annualValue", ":name", ":ownerId", ":renewalDate", ":segment" }, problem.Errors().Order(StringComparer.Ordinal));
        using var admin = factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/customers/{customer}")).StatusCode);
    }

    [Fact]
    public async Task A_profile_with_control_characters_or_an_annual_value_over_a_quadrillion_is_refused()
    {
        // Portfolio figures add up annual values: unbounded, two of them overflowed every snapshot.
        using var ingest = factory.ClientFor("ingest");
        var customer = Http.NewId("c");

        var response = await ingest.PutAsJsonAsync($"/v1/customers/{customer}",
            new { name = "Acme\u0000", segment = "smb\n", ownerId = "anna", annualValue = 1_000_000_000_000_001m });
        var badId = await ingest.PutAsJsonAsync($"/v1/customers/{Uri.EscapeDataString(customer + "\u0001")}", new { name = "Acme" });

        Assert.Equal(new[] { ":annualValue", ":name", ":segment" }, (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors().Order(StringComparer.Ordinal));
        Assert.Equal(new[] { ":id" }, (await badId.ProblemAsync(HttpStatusCode.BadRequest)).Errors());
        Assert.Equal(HttpStatusCode.OK, (await ingest.PutAsJsonAsync($"/v1/customers/{customer}",
            new { name = "Acme\r\nEurope", annualValue = 1_000_000_000_000_000m })).StatusCode);
    }

    [Fact]
    public async Task A_profile_body_that_is_not_json_is_refused()
    {
        using var ingest = factory.ClientFor("ingest");

        var response = await ingest.PutAsync($"/v1/customers/{Http.NewId("c")}", new StringContent("{name:", System.Text.Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/history")]
    [InlineData("/timeline")]
    public async Task An_unknown_customer_is_404(string path)
    {
        using var csm = factory.ClientFor("csm");

        var response = await csm.GetAsync($"/v1/customers/{Http.NewId("nobody")}{path}");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_customer_shows_health_with_components_and_trend_open_issues_with_effort_and_open_tasks()
    {
        using var ingest = factory.ClientFor("ingest");
        using var exec = factory.ClientFor("exec");
        var customer = Http.NewId("c");
        var start = ApiFactory.Start;
        await ingest.PostEventsAsync(
            Http.Event(customer, "usage", start.AddDays(-3)),
            Http.Event(customer, "issue.opened", start.AddHours(-5), "email", issueId: "i-1"),
            Http.Event(customer, "contact.inbound", start.AddHours(-5), "email", issueId: "i-1"),
            Http.Event(customer, "contact.inbound", start.AddHours(-2), "phone", issueId: "i-1"),
            Http.Event(customer, "survey.nps", start.AddHours(-1), "survey", score: 3));

        var body = await (await exec.GetAsync($"/v1/customers/{customer}")).JsonAsync();

        var health = body.GetProperty("health");
        Assert.InRange(health.GetProperty("score").GetInt32(), 0, 100);
        Assert.Contains(health.GetProperty("band").GetString(), new[] { "healthy", "watch", "at-risk" });
        var components = health.GetProperty("components").EnumerateArray().ToList();
        Assert.NotEmpty(components);
        Assert.All(components, c => Assert.True(c.GetProperty("weight").GetDouble() > 0));
        Assert.Contains(components, c => c.GetProperty("reasons").GetArrayLength() > 0);
        Assert.Equal(7, health.GetProperty("trend").GetProperty("days").GetInt32());
        var issue = Assert.Single(body.GetProperty("openIssues").EnumerateArray());
        Assert.Equal("i-1", issue.GetProperty("issueId").GetString());
        Assert.Equal(2, issue.GetProperty("contacts").GetInt32());
        Assert.Equal(new[] { "email", "phone" }, issue.GetProperty("channels").EnumerateArray().Select(c => c.GetString()).Order());
        var rules = body.GetProperty("openTasks").EnumerateArray().Select(t => t.GetProperty("rule").GetString()).ToList();
        Assert.Contains("detractor", rules);
    }

    [Fact]
    public async Task History_lists_score_changes_with_their_causes()
    {
        using var ingest = factory.ClientFor("ingest");
        using var csm = factory.ClientFor("csm");
        var customer = Http.NewId("c");
        var surveyId = Http.NewId("nps");
        await ingest.PostEventsAsync(Http.Event(customer, "survey.nps", ApiFactory.Start.AddHours(-1), "survey", id: surveyId, score: 2));

        var body = await (await csm.GetAsync($"/v1/customers/{customer}/history")).JsonAsync();

        var change = body.GetProperty("changes").EnumerateArray().First();
        Assert.InRange(change.GetProperty("to").GetInt32(), 0, 100);
        Assert.False(string.IsNullOrEmpty(change.GetProperty("cause").GetString()));
        Assert.EndsWith("Z", change.GetProperty("at").GetString());
    }

    [Fact]
    public async Task The_timeline_pages_newest_first_through_cursors_without_gaps_or_repeats()
    {
        using var ingest = factory.ClientFor("ingest");
        using var csm = factory.ClientFor("csm");
        var customer = Http.NewId("c");
        var events = Enumerable.Range(1, 5)
            .Select(i => Http.Event(customer, "usage", ApiFactory.Start.AddHours(-10 + i), id: $"{customer}-e{i}"))
            .ToArray();
        await ingest.PostEventsAsync(events);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/v1/customers/{customer}/timeline?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await csm.GetAsync(url)).JsonAsync();
            Assert.Equal(5, page.GetProperty("total").GetInt32());
            seen.AddRange(page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("eventId").GetString()!));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 5).Reverse().Select(i => $"{customer}-e{i}"), seen);
    }

    [Fact]
    public async Task Timeline_entries_carry_wire_names_of_type_and_channel()
    {
        using var ingest = factory.ClientFor("ingest");
        using var csm = factory.ClientFor("csm");
        var customer = Http.NewId("c");
        await ingest.PostEventsAsync(Http.Event(customer, "contact.inbound", channel: "social"));

        var entry = (await (await csm.GetAsync($"/v1/customers/{customer}/timeline")).JsonAsync()).GetProperty("entries")[0];

        Assert.Equal("contact.inbound", entry.GetProperty("type").GetString());
        Assert.Equal("social", entry.GetProperty("channel").GetString());
    }

    [Theory]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    public async Task A_bad_timeline_cursor_or_limit_is_refused(string query)
    {
        using var ingest = factory.ClientFor("ingest");
        using var csm = factory.ClientFor("csm");
        var customer = Http.NewId("c");
        await ingest.PostEventsAsync(Http.Event(customer));

        var response = await csm.GetAsync($"/v1/customers/{customer}/timeline?{query}");

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }
}
