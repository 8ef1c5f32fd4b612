using System.Net;

namespace CustomerSuccess.Api.Tests;

public sealed class OpenApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_openapi_document_describes_every_v1_endpoint()
    {
        using var client = factory.CreateClient();

        var paths = (await (await client.GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");

        foreach (var path in new[]
        {
            "/v1/events", "/v1/customers/{id}", "/v1/customers/{id}/history", "/v1/customers/{id}/timeline",
            "/v1/tasks", "/v1/tasks/{id}/complete", "/v1/tasks/{id}/snooze", "/v1/tasks/{id}/dismiss",
            "/v1/snapshot", "/v1/snapshot/history", "/healthz", "/readyz",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }

    [Fact]
    public async Task The_openapi_document_asks_for_the_bearer_key_on_protected_operations_only()
    {
        using var client = factory.CreateClient();

        var document = await (await client.GetAsync("/openapi/v1.json")).JsonAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/v1/events").GetProperty("post").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/healthz").GetProperty("get").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task The_docs_page_points_at_the_openapi_document()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/docs/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var config = await client.GetStringAsync("/docs/index.js");
        Assert.Contains("/openapi/v1.json", config);
    }
}
