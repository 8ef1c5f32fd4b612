using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerSuccess.TestSupport;

namespace CustomerSuccess.Api.Tests;

/// <summary>The API in PostgreSQL mode against a throwaway server of its own.</summary>
public sealed class PostgresModeTests : IAsyncLifetime
{
    private PostgresServer _server = null!;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static object Batch(params (string Id, string Customer, string Type, double? Score)[] events) => new
    {
        events = events.Select(e => new
        {
            id = e.Id,
            customerId = e.Customer,
            type = e.Type,
            occurredAt = ApiFactory.Start.AddHours(-3).UtcDateTime.ToString("O"),
            channel = e.Type == "survey.nps" ? "survey" : "email",
            score = e.Score,
        }),
    };

    [Fact]
    public async Task Events_are_acknowledged_once_committed_kept_across_a_restart_and_tasks_list_across_owners()
    {
        var connectionString = await _server.CreateDatabaseAsync("api");
        var batch = Batch(("e1", "acme", "survey.nps", 2), ("e2", "acme", "contact.inbound", null), ("e3", "globex", "survey.nps", 10));
        string customerBefore;
        await using (var first = new ApiFactory { PostgresConnectionString = connectionString })
        {
            var client = first.ClientFor("admin");
            var accepted = await client.PostAsJsonAsync("/v1/events", batch);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            Assert.Equal(3, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
            Assert.Equal(3, await DatabaseCounts.RowsAsync(connectionString, "events"));

            var again = await client.PostAsJsonAsync("/v1/events", batch);
            Assert.Equal(3, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicates").GetInt32());
            Assert.Equal(3, await DatabaseCounts.RowsAsync(connectionString, "events"));
            customerBefore = await client.GetStringAsync("/v1/customers/acme");
        }

        await using var second = new ApiFactory { PostgresConnectionString = connectionString };
        var restarted = second.ClientFor("admin");
        Assert.Equal(customerBefore, await restarted.GetStringAsync("/v1/customers/acme"));

        // PostgreSQL mode lists across owners from the tasks table: no ownerId needed.
        var tasks = await restarted.GetFromJsonAsync<JsonElement>("/v1/tasks");
        var rules = tasks.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("rule").GetString()).ToArray();
        Assert.Contains("detractor", rules);
    }

    [Fact]
    public async Task With_PostgreSQL_down_ingestion_answers_503_with_Retry_After_and_readiness_fails_until_it_is_back()
    {
        var connectionString = await _server.CreateDatabaseAsync("outage");
        await using var factory = new ApiFactory { PostgresConnectionString = connectionString };
        var client = factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        await _server.StopServerAsync();
        var refused = await client.PostAsJsonAsync("/v1/events", Batch(("o1", "acme", "contact.inbound", null)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);

        // Every endpoint that needs the storage says so, not only ingestion: a customer not yet
        // activated (its state is read first), and the tasks table.
        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => client.PutAsJsonAsync("/v1/customers/initech", new { name = "Initech" }),
            () => client.GetAsync("/v1/customers/initech"),
            () => client.GetAsync("/v1/tasks"),
        })
        {
            var response = await request();
            await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(response.Headers.RetryAfter);
        }

        await _server.StartServerAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/v1/events", Batch(("o1", "acme", "contact.inbound", null)))).StatusCode);
        Assert.Equal(1, await DatabaseCounts.RowsAsync(connectionString, "events"));
    }

    [Fact]
    public async Task An_id_with_a_NUL_character_is_refused_at_the_door_and_ingestion_goes_on()
    {
        // PostgreSQL's text cannot hold NUL: let through, such an id failed the shared insert of every
        // batch committed with it, and a customer id with one failed the shared state read.
        var connectionString = await _server.CreateDatabaseAsync("nul");
        await using var factory = new ApiFactory { PostgresConnectionString = connectionString };
        var client = factory.ClientFor("admin");

        var refused = await client.PostAsJsonAsync("/v1/events", Batch(("n\u0000ul", "acme", "contact.inbound", null), ("n2", "ac\u0000me", "usage", null)));
        Assert.Equal(new[] { "0:id", "1:customerId" }, (await refused.ProblemAsync(HttpStatusCode.BadRequest)).Errors());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/customers/ac%01me")).StatusCode);
        await (await client.GetAsync("/v1/tasks?ownerId=a%00b")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PutAsJsonAsync("/v1/customers/acme", new { name = "Acme", segment = "s\u0000" })).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/v1/events", Batch(("n1", "acme", "contact.inbound", null)))).StatusCode);
        Assert.Equal(1, await DatabaseCounts.RowsAsync(connectionString, "events"));
    }
}
