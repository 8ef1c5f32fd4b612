using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CustomerSuccess.LoadGen;

/// <summary>The three calls LoadGen makes: post a batch, put a profile, read an owner's tasks.</summary>
public sealed class EngineClient(Uri url, string key, int connections) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http = Create(url, key, connections);

    /// <summary>Posts a batch; returns the accepted and duplicate counts, or throws with the engine's answer.</summary>
    public async Task<(long Accepted, long Duplicates)> PostEventsAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var response = await _http.PostAsync("/v1/events", content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {text}");
        }

        using var answer = JsonDocument.Parse(text);
        return (answer.RootElement.GetProperty("accepted").GetInt64(), answer.RootElement.GetProperty("duplicates").GetInt64());
    }

    public async Task PutProfileAsync(string customerId, string ownerId)
    {
        using var content = new StringContent(
            $$"""{"name":"LoadGen probe {{customerId}}","segment":"smb","ownerId":"{{ownerId}}","annualValue":12000}""",
            Encoding.UTF8, Json);
        using var response = await _http.PutAsync($"/v1/customers/{Uri.EscapeDataString(customerId)}", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"PUT profile {customerId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Whether the owner's live unresolved-effort tasks include one for the customer.</summary>
    public async Task<bool> HasEffortTaskAsync(string ownerId, string customerId)
    {
        using var response = await _http.GetAsync($"/v1/tasks?ownerId={Uri.EscapeDataString(ownerId)}&rule=unresolved-effort&limit=500");
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET tasks: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await using var body = await response.Content.ReadAsStreamAsync();
        using var page = await JsonDocument.ParseAsync(body);
        foreach (var task in page.RootElement.GetProperty("tasks").EnumerateArray())
        {
            if (task.GetProperty("customerId").ValueEquals(customerId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One anonymous GET /healthz: a round trip through the engine that touches no grain.</summary>
    public async Task PingAsync()
    {
        using var response = await _http.GetAsync("/healthz");
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient Create(Uri url, string key, int connections)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromMinutes(5),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
