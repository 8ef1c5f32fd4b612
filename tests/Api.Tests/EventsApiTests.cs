using System.Net;
using CustomerSuccess.Silo.Ingestion;
using CustomerSuccess.Grains.Interfaces.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerSuccess.Api.Tests;

public sealed class EventsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_valid_batch_is_accepted_with_its_counts()
    {
        using var client = factory.ClientFor("ingest");
        var customer = Http.NewId("c");

        var response = await client.PostEventsAsync(Http.Event(customer), Http.Event(customer, "contact.inbound", channel: "email"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task The_same_event_id_twice_in_one_batch_is_stored_once_and_counted_as_a_duplicate()
    {
        using var client = factory.ClientFor("ingest");
        var customer = Http.NewId("c");
        var id = Http.NewId("e");

        var response = await client.PostEventsAsync(Http.Event(customer, id: id), Http.Event(customer, id: id));

        var body = await response.JsonAsync();
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        Assert.Equal(1, body.GetProperty("duplicates").GetInt32());
        using var reader = factory.ClientFor("csm");
        var timeline = await (await reader.GetAsync($"/v1/customers/{customer}/timeline")).JsonAsync();
        Assert.Equal(1, timeline.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_retried_batch_is_answered_as_all_duplicates()
    {
        using var client = factory.ClientFor("ingest");
        var customer = Http.NewId("c");
        object[] batch = [Http.Event(customer), Http.Event(customer)];
        await client.PostEventsAsync(batch);

        var body = await (await client.PostEventsAsync(batch)).JsonAsync();

        Assert.Equal(0, body.GetProperty("accepted").GetInt32());
        Assert.Equal(2, body.GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task The_admin_role_may_ingest_too()
    {
        using var client = factory.ClientFor("admin");

        var response = await client.PostEventsAsync(Http.Event(Http.NewId("c")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Storage_unavailable_answers_503_with_retry_after()
    {
        using var down = new ApiFactory
        {
            ReplaceServices = s => s.Replace(ServiceDescriptor.Singleton<IEventIngestor>(new ThrowingIngestor(
                new StorageUnavailableException("database down") { RetryAfter = TimeSpan.FromSeconds(7) }))),
        };
        using var client = down.ClientFor("ingest");

        var response = await client.PostEventsAsync(Http.Event(Http.NewId("c")));

        await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task An_unhandled_error_answers_500_problem_details_without_internals()
    {
        using var broken = new ApiFactory
        {
            ReplaceServices = s => s.Replace(ServiceDescriptor.Singleton<IEventIngestor>(new ThrowingIngestor(
                new InvalidOperationException("secret connection string Host=db;Password=hunter2")))),
        };
        using var client = broken.ClientFor("ingest");

        var response = await client.PostEventsAsync(Http.Event(Http.NewId("c")));

        await response.ProblemAsync(HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("InvalidOperationException", text);
    }

    private sealed class ThrowingIngestor(Exception exception) : IEventIngestor
    {
        public Task<IngestResult> IngestAsync(IReadOnlyList<TouchpointEvent> events, CancellationToken cancellationToken) =>
            Task.FromException<IngestResult>(exception);
    }
}
