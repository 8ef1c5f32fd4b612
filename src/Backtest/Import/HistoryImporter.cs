using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CustomerSuccess.Backtest.History;
using CustomerSuccess.Backtest.Profiles;
using CustomerSuccess.Backtest.Replay;
using CustomerSuccess.Grains.Interfaces.Customers;

namespace CustomerSuccess.Backtest.Import;

/// <summary>
/// Loads a history into a running engine through its API: events in batches to POST /v1/events, each
/// customer's history whole in one batch where it fits (the engine applies each event with its own
/// time and evaluates the batch "now", so a deadline that already passed fires at once; a history cut
/// across batches would be evaluated "now" on its first part, and a customer active to the end would
/// look gone quiet since then), then each profile with PUT /v1/customers/{id} — after the history, so
/// the first score comes from the history (src/Simulation/README.md). The file is read and checked
/// whole before anything is sent. A 429 or 503 is retried after its Retry-After. Re-running an import
/// is safe: events are idempotent by id.
/// </summary>
public sealed class HistoryImporter
{
    private readonly HttpClient _http;
    private readonly ImportOptions _options;
    private readonly Func<TimeSpan, CancellationToken, Task> _wait;
    private int _retries;

    /// <param name="http">A client with the engine's base address and an ingest key.</param>
    /// <param name="options">Batch size and retries.</param>
    /// <param name="wait">How to wait before a retry (default <see cref="Task.Delay(TimeSpan, CancellationToken)"/>; tests record instead).</param>
    public HistoryImporter(HttpClient http, ImportOptions options, Func<TimeSpan, CancellationToken, Task>? wait = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _wait = wait ?? Task.Delay;
    }

    public static HttpClient CreateClient(Uri engine, string key)
    {
        var http = new HttpClient { BaseAddress = engine, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public async Task<ImportResult> ImportAsync(
        IHistoryReader reader, IReadOnlyDictionary<string, CustomerProfile> profiles, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(profiles);
        var skipped = new List<BadRow>();
        var (order, byCustomer) = ReadByCustomer(reader, skipped);

        var batch = new List<WireEvent>(_options.BatchSize);
        long events = 0, accepted = 0, duplicates = 0;
        var batches = 0;
        async Task SendBatchAsync()
        {
            var answer = await PostAsync(batch, cancellationToken);
            accepted += answer.Accepted;
            duplicates += answer.Duplicates;
            events += batch.Count;
            batches++;
            batch.Clear();
            progress?.Invoke(events);
        }

        foreach (var customerId in order)
        {
            var customerEvents = byCustomer[customerId];

            // A customer's history goes whole into one batch when it fits, so the engine evaluates it
            // once; a batch boundary inside it would be evaluated "now" on part of the history.
            if (batch.Count > 0 && batch.Count + customerEvents.Count > _options.BatchSize)
            {
                await SendBatchAsync();
            }

            foreach (var e in customerEvents)
            {
                batch.Add(e);
                if (batch.Count == _options.BatchSize)
                {
                    await SendBatchAsync();
                }
            }
        }

        if (batch.Count > 0)
        {
            await SendBatchAsync();
        }

        foreach (var (customerId, profile) in profiles)
        {
            await PutProfileAsync(customerId, profile, cancellationToken);
        }

        return new ImportResult(events, accepted, duplicates, batches, _retries, profiles.Count, skipped);
    }

    // The whole file, grouped by customer (customers in order of first appearance, events in file
    // order), checked before anything is sent: about 0.5 KB of memory per event.
    private (List<string> Order, Dictionary<string, List<WireEvent>> ByCustomer) ReadByCustomer(IHistoryReader reader, List<BadRow> skipped)
    {
        var order = new List<string>();
        var byCustomer = new Dictionary<string, List<WireEvent>>(StringComparer.Ordinal);
        while (reader.TryRead(out var row))
        {
            if (row.IsBad)
            {
                if (!_options.SkipBadRows)
                {
                    throw new BadRowException(row.Line, row.Error!);
                }

                skipped.Add(new BadRow(row.Line, row.Error!));
                continue;
            }

            var e = row.Event!;
            if (!byCustomer.TryGetValue(e.CustomerId, out var list))
            {
                byCustomer[e.CustomerId] = list = [];
                order.Add(e.CustomerId);
            }

            list.Add(HistoryWriters.ToWire(e));
        }

        return (order, byCustomer);
    }

    private async Task<IngestAnswer> PostAsync(List<WireEvent> batch, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new EventBatchBody(batch), ImportJson.Default.EventBatchBody);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "v1/events") { Content = Json(body) }, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return JsonSerializer.Deserialize(text, ImportJson.Default.IngestAnswer)
            ?? throw new ImportFailedException($"POST /v1/events answered {(int)response.StatusCode} without a body.");
    }

    private async Task PutProfileAsync(string customerId, CustomerProfile profile, CancellationToken cancellationToken)
    {
        var wire = ProfileFile.ToWire(customerId, profile);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ProfileBody(wire.Name ?? customerId, wire.Segment, wire.OwnerId, wire.AnnualValue, wire.RenewalDate), ImportJson.Default.ProfileBody);
        using var _ = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, $"v1/customers/{Uri.EscapeDataString(customerId)}") { Content = Json(body) }, cancellationToken);
    }

    // 429 (rate limit) and 503 (storage outage: nothing was stored) are safe to repeat; anything else
    // that is not a success stops the import with the engine's answer.
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var backoff = _options.FirstBackoff;
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            var response = await _http.SendAsync(message, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var status = response.StatusCode;
            if ((status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) && attempt < _options.MaxAttempts)
            {
                var delay = RetryAfter(response) ?? backoff;
                response.Dispose();
                backoff *= 2;
                _retries++;
                await _wait(delay, cancellationToken);
                continue;
            }

            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new ImportFailedException(
                $"{message.Method} /{message.RequestUri} answered {(int)status} {status}{(attempt > 1 ? $" after {attempt} attempts" : "")}: {Shorten(answer)}");
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        return content;
    }

    private static string Shorten(string text) => text.Length <= 2_000 ? text : text[..2_000] + "...";
}
