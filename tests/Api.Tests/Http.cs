using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CustomerSuccess.Api.Tests;

/// <summary>Reading answers and posting test events.</summary>
public static class Http
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Asserts an RFC 9457 problem with the status and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>The problems of a validation problem as "index:field" (":field" for the request itself).</summary>
    public static string[] Errors(this JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e =>
            $"{(e.GetProperty("index").ValueKind == JsonValueKind.Null ? "" : e.GetProperty("index").GetInt32().ToString())}:{e.GetProperty("field").GetString()}")];

    public static Task<HttpResponseMessage> PostEventsAsync(this HttpClient client, params object[] events) =>
        client.PostAsJsonAsync("/v1/events", new { events });

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static string At(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    public static object Event(string customerId, string type = "usage", DateTimeOffset? at = null, string channel = "app",
        string? id = null, double? score = null, string? issueId = null) =>
        new Dictionary<string, object?>
        {
            ["id"] = id ?? NewId("e"),
            ["customerId"] = customerId,
            ["type"] = type,
            ["occurredAt"] = At(at ?? ApiFactory.Start.AddHours(-1)),
            ["channel"] = channel,
            ["score"] = score,
            ["issueId"] = issueId,
        };
}
