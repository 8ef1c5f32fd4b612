using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CustomerSuccess.Api.Tests;

/// <summary>Every kind of bad input is refused with problem details, and nothing of the batch is stored.</summary>
public sealed class EventValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static Dictionary<string, object?> Valid(string customer) => (Dictionary<string, object?>)Http.Event(customer);

    private async Task<JsonElement> RefusedAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        await response.ProblemAsync(status);

    private async Task AssertNothingStoredAsync(string customer)
    {
        using var reader = factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/customers/{customer}")).StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_refused()
    {
        using var client = factory.ClientFor("ingest");

        var response = await client.PostAsync("/v1/events", new StringContent("{\"events\": [ {\"id\": ", Encoding.UTF8, "application/json"));

        var problem = await RefusedAsync(response);
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_body_without_an_events_array_is_refused()
    {
        using var client = factory.ClientFor("ingest");

        var problem = await RefusedAsync(await client.PostAsJsonAsync("/v1/events", new { items = Array.Empty<object>() }));

        Assert.Contains(":events", problem.Errors());
    }

    [Fact]
    public async Task An_empty_batch_is_refused()
    {
        using var client = factory.ClientFor("ingest");

        var problem = await RefusedAsync(await client.PostEventsAsync());

        Assert.Contains(":events", problem.Errors());
    }

    [Fact]
    public async Task Wrong_types_are_reported_field_by_field()
    {
        using var client = factory.ClientFor("ingest");
        var customer = Http.NewId("c");
        var bad = Valid(customer);
        bad["id"] = 42;
        bad["sentiment"] = "very negative";
        bad["public"] = "yes";
        bad["reach"] = 1.5;
        bad["value"] = "12 EUR";
        bad["waitSeconds"] = true;
        bad["attributes"] = new[] { "a" };

        var problem = await RefusedAsync(await client.PostEventsAsync(bad));

        var errors = problem.Errors();
        foreach (var field in new[] { "id", "sentiment", "public", "reach", "value", "waitSeconds", "attributes" })
        {
            Assert.Contains($"0:{field}", errors);
        }
    }

    [Fact]
    public async Task Missing_required_fields_are_each_named()
    {
        using var client = factory.ClientFor("ingest");

        var problem = await RefusedAsync(await client.PostEventsAsync(new { channel = "email" }));

        Assert.Equal(new[] { "0:customerId", "0:id", "0:occurredAt", "0:type" }, problem.Errors().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unknown_type_or_channel_is_refused()
    {
        using var client = factory.ClientFor("ingest");
        var customer = Http.NewId("c");
        var badType = Valid(customer);
        badType["type"] = "contact.carrier-pigeon";
        var badChannel = Valid(customer);
        badChannel["channel"] = "fax";

        var problem = await RefusedAsync(await client.PostEventsAsync(badType, badChannel));

        Assert.Equal(new[] { "0:type", "1:channel" }, problem.Errors());
        await AssertNothingStoredAsync(customer);
    }

    [Fact]
    public async Task An_event_more_than_five_minutes_in_the_future_is_refused_but_small_clock_skew_is_not()
    {
        using var client = factory.ClientFor("ingest");
        var customer = Http.NewId("c");
        var now = factory.Clock.GetUtcNow();

        var refused = await client.PostEventsAsync(Http.Event(customer, at: now.AddMinutes(6)));
        var accepted = await client.PostEventsAsync(Http.Event(customer, at: now.AddMinutes(4)));

        Assert.Equal(new[] { "0:occurredAt" }, (await RefusedAsync(refused)).Errors());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task A_time_without_an_offset_is_refused()
    {
        using var client = factory.ClientFor("ingest");
        var bad = Valid(Http.NewId("c"));
        bad["occurredAt"] = "2026-05-01T10:00:00";

        Assert.Equal(new[] { "0:occurredAt" }, (await RefusedAsync(await client.PostEventsAsync(bad))).Errors());
    }

    [Theory]
    [InlineData("usage", "sentiment", 1.5)]
    [InlineData("usage", "sentiment", -1.01)]
    [InlineData("survey.nps", "score", 11)]
    [InlineData("survey.nps", "score", -1)]
    [InlineData("survey.csat", "score", 0)]
    [InlineData("survey.csat", "score", 6)]
    [InlineData("survey.ces", "score", 8)]
    [InlineData("survey.ces", "score", 0.5)]
    [InlineData("survey.nps", "score", 6.5)]
    [InlineData("survey.csat", "score", 4.2)]
    [InlineData("survey.ces", "score", 5.000001)]
    public async Task Out_of_range_sentiment_and_scores_and_answers_between_the_points_of_a_survey_scale_are_refused(string type, string field, double value)
    {
        using var client = factory.ClientFor("ingest");
        var customer = Http.NewId("c");
        var bad = Valid(customer);
        bad["type"] = type;
        bad["score"] = type.StartsWith("survey", StringComparison.Ordinal) ? 3 : null;
        bad[field] = value;

        Assert.Equal(new[] { $"0:{field}" }, (await RefusedAsync(await client.PostEventsAsync(bad))).Errors());
        await AssertNothingStoredAsync(customer);
    }

    [Fact]
    public async Task A_survey_without_a_score_is_refused()
    {
        using var client = factory.ClientFor("ingest");

        var problem = await RefusedAsync(await client.PostEventsAsync(Http.Event(Http.NewId("c"), "survey.nps", channel: "survey")));

        Assert.Equal(new[] { "0:score" }, problem.Errors());
    }

    [Theory]
    [InlineData("id")]
    [InlineData("customerId")]
    [InlineData("issueId")]
    public async Task Ids_longer_than_128_characters_are_refused(string field)
    {
        using var client = factory.ClientFor("ingest");
        var bad = Valid(Http.NewId("c"));
        bad[field] = new string('x', 129);

        Assert.Equal(new[] { $"0:{field}" }, (await RefusedAsync(await client.PostEventsAsync(bad))).Errors());
    }

    [Theory]
    [InlineData("id", "a\u0000b")]
    [InlineData("customerId", "a\nb")]
    [InlineData("issueId", "a\u007fb")]
    [InlineData("customerId", "a\u0085b")]
    public async Task Ids_with_control_characters_are_refused(string field, string id)
    {
        using var client = factory.ClientFor("ingest");
        var customer = Http.NewId("c");
        var bad = Valid(customer);
        bad[field] = id;

        var problem = await RefusedAsync(await client.PostEventsAsync(bad));

        Assert.Equal(new[] { $"0:{field}" }, problem.Errors());
        Assert.Contains("control characters", problem.GetProperty("errors")[0].GetProperty("message").GetString());
        await AssertNothingStoredAsync(customer);
    }

    [Fact]
    public async Task Attributes_with_control_characters_are_refused_but_line_breaks_in_their_values_are_not()
    {
        using var client = factory.ClientFor("ingest");
        var bad = Valid(Http.NewId("c"));
        bad["attributes"] = new Dictionary<string, string> { ["plan"] = "pro\u0000" };
        var fine = Valid(Http.NewId("c"));
        fine["attributes"] = new Dictionary<string, string> { ["note"] = "line one\r\n\tline two" };

        Assert.Equal(new[] { "0:attributes.plan" }, (await RefusedAsync(await client.PostEventsAsync(bad))).Errors());
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostEventsAsync(fine)).StatusCode);
    }

    [Fact]
    public async Task Text_or_a_name_with_an_unpaired_surrogate_is_refused_field_by_field_not_failed()
    {
        // JSON lets "\udc00" through its grammar; it is no Unicode text, and reading it as such throws.
        using var client = factory.ClientFor("ingest");
        var customer = Http.NewId("c");
        var body = $$$"""
            {"events":[
              {"id":"\udc00","customerId":"{{{customer}}}","type":"usage","occurredAt":"{{{Http.At(ApiFactory.Start.AddHours(-1))}}}"},
              {"id":"ok","customerId":"{{{customer}}}","type":"usage","occurredAt":"{{{Http.At(ApiFactory.Start.AddHours(-1))}}}","attributes":{"\ud800":"x","k":"\ud800"}},
              {"\ud800":1,"id":"e-3","customerId":"{{{customer}}}","type":"usage","occurredAt":"{{{Http.At(ApiFactory.Start.AddHours(-1))}}}"}
            ]}
            """;

        var problem = await RefusedAsync(await client.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, "application/json")));

        Assert.Equal(new[] { "0:id", "1:attributes", "1:attributes.k", "2:" }, problem.Errors());
        await AssertNothingStoredAsync(customer);
    }

    [Fact]
    public async Task A_wait_over_a_year_or_an_amount_over_a_quadrillion_is_refused()
    {
        // Waits add up per issue and values per portfolio: unbounded, a few events reach infinity or overflow.
        using var client = factory.ClientFor("ingest");
        var customer = Http.NewId("c");
        var longWait = Valid(customer);
        longWait["type"] = "contact.inbound";
        longWait["issueId"] = "i-1";
        longWait["waitSeconds"] = 1e308;
        var bigValue = Valid(customer);
        bigValue["type"] = "purchase";
        bigValue["value"] = 1_000_000_000_000_001m;
        var yearWait = Valid(Http.NewId("c"));
        yearWait["type"] = "contact.inbound";
        yearWait["waitSeconds"] = 365 * 24 * 3600;

        Assert.Equal(new[] { "0:waitSeconds", "1:value" }, (await RefusedAsync(await client.PostEventsAsync(longWait, bigValue))).Errors());
        await AssertNothingStoredAsync(customer);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostEventsAsync(yearWait)).StatusCode);
    }

    [Fact]
    public async Task More_than_32_attributes_are_refused()
    {
        using var client = factory.ClientFor("ingest");
        var bad = Valid(Http.NewId("c"));
        bad["attributes"] = Enumerable.Range(0, 33).ToDictionary(i => $"k{i}", i => "v");
        var fine = Valid(Http.NewId("c"));
        fine["attributes"] = Enumerable.Range(0, 32).ToDictionary(i => $"k{i}", i => "v");

        Assert.Equal(new[] { "0:attributes" }, (await RefusedAsync(await client.PostEventsAsync(bad))).Errors());
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostEventsAsync(fine)).StatusCode);
    }

    [Fact]
    public async Task A_batch_with_one_bad_event_is_refused_whole_and_names_the_bad_event()
    {
        using var client = factory.ClientFor("ingest");
        var good = Http.NewId("c");
        var bad = Valid(Http.NewId("c"));
        bad["sentiment"] = 2;

        var problem = await RefusedAsync(await client.PostEventsAsync(Http.Event(good), bad, Http.Event(good)));

        Assert.Equal(new[] { "1:sentiment" }, problem.Errors());
        await AssertNothingStoredAsync(good);
    }

    [Fact]
    public async Task More_than_5000_events_are_refused_as_too_large()
    {
        using var client = factory.ClientFor("ingest");
        var customer = Http.NewId("c");
        var events = Enumerable.Range(0, 5001).Select(_ => Http.Event(customer)).ToArray();

        await RefusedAsync(await client.PostEventsAsync(events), HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingStoredAsync(customer);
    }

    [Fact]
    public async Task A_body_over_10_megabytes_is_refused_as_too_large()
    {
        using var client = factory.ClientFor("ingest");
        var padding = new string(' ', 10 * 1024 * 1024);
        var body = "{\"events\": [" + padding + "]}";

        var response = await client.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, "application/json"));

        await RefusedAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_as_unsupported()
    {
        using var client = factory.ClientFor("ingest");

        var response = await client.PostAsync("/v1/events", new StringContent("id,customerId\n1,2", Encoding.UTF8, "text/csv"));

        await RefusedAsync(response, HttpStatusCode.UnsupportedMediaType);
    }
}
