using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CustomerSuccess.Api.Tests;

public sealed class TasksApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>A customer of <paramref name="owner"/> who answered NPS 2: the detractor rule opens a task.</summary>
    private async Task<string> DetractorTaskAsync(string owner, DateTimeOffset? at = null)
    {
        using var ingest = factory.ClientFor("ingest");
        var customer = Http.NewId("c");
        (await ingest.PutAsJsonAsync($"/v1/customers/{customer}", new { name = "Customer", ownerId = owner })).EnsureSuccessStatusCode();
        (await ingest.PostEventsAsync(Http.Event(customer, "survey.nps", at ?? ApiFactory.Start.AddHours(-1), "survey", score: 2))).EnsureSuccessStatusCode();
        return $"{customer}:detractor:1";
    }

    private static async Task<JsonElement> ListAsync(HttpClient client, string query) =>
        await (await client.GetAsync($"/v1/tasks?{query}")).JsonAsync();

    [Fact]
    public async Task A_csm_sees_the_tasks_of_their_customers_most_urgent_first()
    {
        var owner = Http.NewId("csm");
        var later = await DetractorTaskAsync(owner, ApiFactory.Start.AddHours(-1));
        var sooner = await DetractorTaskAsync(owner, ApiFactory.Start.AddHours(-3));
        using var csm = factory.ClientFor("csm");

        var page = await ListAsync(csm, $"ownerId={owner}");

        var ids = page.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal(new[] { sooner, later }, ids);
        var task = page.GetProperty("tasks")[0];
        Assert.Equal("detractor", task.GetProperty("rule").GetString());
        Assert.Equal("open", task.GetProperty("state").GetString());
        Assert.Equal(owner, task.GetProperty("ownerId").GetString());
    }

    [Fact]
    public async Task The_task_list_pages_through_opaque_cursors_without_gaps_or_repeats()
    {
        var owner = Http.NewId("csm");
        var expected = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            expected.Add(await DetractorTaskAsync(owner, ApiFactory.Start.AddHours(-10 + i)));
        }

        using var csm = factory.ClientFor("csm");
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ListAsync(csm, $"ownerId={owner}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            seen.AddRange(page.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task The_task_list_filters_by_rule_and_status()
    {
        var owner = Http.NewId("csm");
        var snoozed = await DetractorTaskAsync(owner);
        var open = await DetractorTaskAsync(owner);
        using var csm = factory.ClientFor("csm");
        (await csm.PostAsJsonAsync($"/v1/tasks/{snoozed}/snooze", new { until = Http.At(factory.Clock.GetUtcNow().AddDays(1)) })).EnsureSuccessStatusCode();

        var openOnly = await ListAsync(csm, $"ownerId={owner}&status=open&rule=detractor");
        var snoozedOnly = await ListAsync(csm, $"ownerId={owner}&status=snoozed");
        var otherRule = await ListAsync(csm, $"ownerId={owner}&rule=promoter");

        Assert.Equal(open, Assert.Single(openOnly.GetProperty("tasks").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(snoozed, Assert.Single(snoozedOnly.GetProperty("tasks").EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty(otherRule.GetProperty("tasks").EnumerateArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ownerId=anna&status=done")]
    [InlineData("ownerId=anna&rule=be-nice")]
    [InlineData("ownerId=anna&limit=0")]
    [InlineData("ownerId=anna&limit=501")]
    [InlineData("ownerId=anna&cursor=%25%25%25")]
    [InlineData("ownerId=anna&cursor=MQotMQp4")] // "1\n-1\nx": a due time before the first instant
    [InlineData("ownerId=anna&cursor=MQozMTU1Mzc4OTc2MDAwMDAwMDAwCng")] // a due time after the last
    [InlineData("ownerId=an%00na")]
    public async Task A_bad_task_query_is_refused(string query)
    {
        using var csm = factory.ClientFor("csm");

        await (await csm.GetAsync($"/v1/tasks?{query}")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Completing_a_task_closes_it_with_its_outcome_and_takes_it_off_the_list()
    {
        var owner = Http.NewId("csm");
        var task = await DetractorTaskAsync(owner);
        using var csm = factory.ClientFor("csm");

        var response = await csm.PostAsJsonAsync($"/v1/tasks/{task}/complete", new { outcome = "called, fixed the invoice", note = "happy now" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = await response.JsonAsync();
        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.Equal("called, fixed the invoice", done.GetProperty("resolution").GetString());
        Assert.Empty((await ListAsync(csm, $"ownerId={owner}")).GetProperty("tasks").EnumerateArray());
    }

    [Fact]
    public async Task Snoozing_a_task_keeps_it_live_until_the_time()
    {
        var task = await DetractorTaskAsync(Http.NewId("csm"));
        using var csm = factory.ClientFor("csm");
        var until = factory.Clock.GetUtcNow().AddDays(2);

        var snoozed = await (await csm.PostAsJsonAsync($"/v1/tasks/{task}/snooze", new { until = Http.At(until) })).JsonAsync();

        Assert.Equal("snoozed", snoozed.GetProperty("state").GetString());
        Assert.Equal(Http.At(until), snoozed.GetProperty("snoozedUntil").GetString());
    }

    [Fact]
    public async Task Snoozing_into_the_past_is_refused()
    {
        var task = await DetractorTaskAsync(Http.NewId("csm"));
        using var csm = factory.ClientFor("csm");

        var response = await csm.PostAsJsonAsync($"/v1/tasks/{task}/snooze", new { until = Http.At(factory.Clock.GetUtcNow().AddMinutes(-1)) });

        Assert.Equal(new[] { ":until" }, (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors());
    }

    [Fact]
    public async Task Dismissing_a_task_records_the_reason()
    {
        var task = await DetractorTaskAsync(Http.NewId("csm"));
        using var csm = factory.ClientFor("csm");

        var dismissed = await (await csm.PostAsJsonAsync($"/v1/tasks/{task}/dismiss", new { reason = "already handled by phone" })).JsonAsync();

        Assert.Equal("dismissed", dismissed.GetProperty("state").GetString());
        Assert.Equal("already handled by phone", dismissed.GetProperty("resolution").GetString());
    }

    [Theory]
    [InlineData("complete", "{\"outcome\":\"again\"}")]
    [InlineData("snooze", "{\"until\":\"2030-01-01T00:00:00Z\"}")]
    [InlineData("dismiss", "{\"reason\":\"changed my mind\"}")]
    public async Task An_action_on_a_closed_task_is_a_409_conflict(string action, string body)
    {
        var task = await DetractorTaskAsync(Http.NewId("csm"));
        using var csm = factory.ClientFor("csm");
        (await csm.PostAsJsonAsync($"/v1/tasks/{task}/complete", new { outcome = "done" })).EnsureSuccessStatusCode();

        var response = await csm.PostAsync($"/v1/tasks/{task}/{action}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_action_on_a_task_closed_so_long_ago_that_it_is_no_longer_kept_is_still_a_409_conflict()
    {
        var first = await DetractorTaskAsync(Http.NewId("csm"));
        var customer = first[..first.IndexOf(':')];
        using var ingest = factory.ClientFor("ingest");
        using var csm = factory.ClientFor("csm");
        (await csm.PostAsJsonAsync($"/v1/tasks/{first}/complete", new { outcome = "called" })).EnsureSuccessStatusCode();
        // Each new detractor answer is a new situation and a new task; the customer keeps the latest 20 closed.
        for (var i = 2; i <= 21; i++)
        {
            (await ingest.PostEventsAsync(Http.Event(customer, "survey.nps", ApiFactory.Start.AddMinutes(-60 + i), "survey", score: 2))).EnsureSuccessStatusCode();
            (await csm.PostAsJsonAsync($"/v1/tasks/{customer}:detractor:{i}/complete", new { outcome = "called" })).EnsureSuccessStatusCode();
        }

        var response = await csm.PostAsJsonAsync($"/v1/tasks/{first}/complete", new { outcome = "again" });

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("nobody-here:detractor:1")]
    [InlineData("not-a-task-id")]
    [InlineData("c-1:no-such-rule:1")]
    public async Task An_action_on_an_unknown_task_is_404(string taskId)
    {
        using var csm = factory.ClientFor("csm");

        var response = await csm.PostAsJsonAsync($"/v1/tasks/{Uri.EscapeDataString(taskId)}/complete", new { outcome = "done" });

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_task_action_without_its_required_field_is_refused()
    {
        var task = await DetractorTaskAsync(Http.NewId("csm"));
        using var csm = factory.ClientFor("csm");

        var response = await csm.PostAsJsonAsync($"/v1/tasks/{task}/dismiss", new { note = "no reason given" });

        Assert.Equal(new[] { ":reason" }, (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors());
    }
}
