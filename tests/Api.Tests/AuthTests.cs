using System.Net;
using System.Net.Http.Headers;

namespace CustomerSuccess.Api.Tests;

public sealed class AuthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static HttpRequestMessage Request(string method, string path) => method switch
    {
        "POST" when path == "/v1/events" => new(HttpMethod.Post, path) { Content = Json("{\"events\":[]}") },
        "POST" => new(HttpMethod.Post, path) { Content = Json("{}") },
        "PUT" => new(HttpMethod.Put, path) { Content = Json("{}") },
        _ => new(HttpMethod.Get, path),
    };

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("GET", "/v1/snapshot")]
    [InlineData("POST", "/v1/events")]
    [InlineData("GET", "/v1/tasks?ownerId=a")]
    public async Task A_request_without_a_key_is_401_with_a_bearer_challenge(string method, string path)
    {
        using var client = factory.CreateClient();

        var response = await client.SendAsync(Request(method, path));

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Bearer not-a-key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task A_request_with_an_invalid_key_is_401(string authorization)
    {
        using var client = factory.CreateClient();
        var request = Request("GET", "/v1/snapshot");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        await (await client.SendAsync(request)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    // ingest: events and profiles only
    [InlineData("ingest", "POST", "/v1/events", true)]
    [InlineData("ingest", "PUT", "/v1/customers/c-auth", true)]
    [InlineData("ingest", "GET", "/v1/customers/c-auth", false)]
    [InlineData("ingest", "GET", "/v1/tasks?ownerId=a", false)]
    [InlineData("ingest", "GET", "/v1/snapshot", false)]
    // csm: customers and tasks
    [InlineData("csm", "POST", "/v1/events", false)]
    [InlineData("csm", "PUT", "/v1/customers/c-auth", false)]
    [InlineData("csm", "GET", "/v1/customers/c-auth", true)]
    [InlineData("csm", "GET", "/v1/tasks?ownerId=a", true)]
    [InlineData("csm", "POST", "/v1/tasks/c-auth:detractor:1/complete", true)]
    [InlineData("csm", "GET", "/v1/snapshot", false)]
    // exec: snapshot and customers
    [InlineData("exec", "POST", "/v1/events", false)]
    [InlineData("exec", "GET", "/v1/customers/c-auth/history", true)]
    [InlineData("exec", "GET", "/v1/tasks?ownerId=a", false)]
    [InlineData("exec", "POST", "/v1/tasks/c-auth:detractor:1/dismiss", false)]
    [InlineData("exec", "GET", "/v1/snapshot", true)]
    [InlineData("exec", "GET", "/v1/snapshot/history", true)]
    // admin: everything
    [InlineData("admin", "POST", "/v1/events", true)]
    [InlineData("admin", "PUT", "/v1/customers/c-auth", true)]
    [InlineData("admin", "GET", "/v1/tasks?ownerId=a", true)]
    [InlineData("admin", "GET", "/v1/snapshot", true)]
    public async Task Each_role_may_call_only_its_endpoints_and_gets_403_elsewhere(string role, string method, string path, bool allowed)
    {
        using var client = factory.ClientFor(role);

        var response = await client.SendAsync(Request(method, path));

        if (allowed)
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        }
        else
        {
            await response.ProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/docs/index.html")]
    public async Task Probes_and_docs_are_anonymous(string path)
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Outside_development_the_api_refuses_to_start_without_configured_keys()
    {
        using var production = new ApiFactory { Environment = "Production", ConfigureKeys = false };

        var error = await Record.ExceptionAsync(() => Task.Run(() => production.CreateClient()));

        Assert.NotNull(error);
        Assert.Contains("No API keys are configured", error.ToString());
    }

    [Fact]
    public async Task In_development_without_configured_keys_no_other_key_is_accepted()
    {
        using var development = new ApiFactory { ConfigureKeys = false };
        using var client = development.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.Key("admin"));

        var response = await client.GetAsync("/v1/snapshot");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
