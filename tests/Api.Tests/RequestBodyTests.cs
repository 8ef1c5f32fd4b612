using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CustomerSuccess.Api.Tests;

/// <summary>
/// Bodies of announced length are read into pooled buffers that earlier requests wrote into; each is
/// read to its own length, and bodies without a length or above the pooled size are read whole.
/// </summary>
public sealed class RequestBodyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static byte[] Batch(string customer, int count, string padding = "") =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            events = Enumerable.Range(0, count).Select(_ =>
            {
                var e = (Dictionary<string, object?>)Http.Event(customer);
                e["attributes"] = new Dictionary<string, string> { ["note"] = padding };
                return e;
            }).ToArray(),
        });

    private static HttpContent Announced(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Assert.Equal(body.Length, content.Headers.ContentLength);
        return content;
    }

    [Fact]
    public async Task A_short_body_after_long_ones_is_read_to_its_own_length()
    {
        using var client = factory.ClientFor("ingest");
        for (var round = 0; round < 5; round++)
        {
            var long_ = await client.PostAsync("/v1/events", Announced(Batch(Http.NewId("c"), 400, new string('x', 200))));
            var short_ = await client.PostAsync("/v1/events", Announced(Batch(Http.NewId("c"), 1)));
            var malformed = await client.PostAsync("/v1/events", Announced("{\"events\": ["u8.ToArray()));

            Assert.Equal(400, (await long_.JsonAsync()).GetProperty("accepted").GetInt32());
            Assert.Equal(1, (await short_.JsonAsync()).GetProperty("accepted").GetInt32());
            // The parser stops at the body's own end, not at bytes a longer body left in the buffer.
            var problem = await malformed.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task An_empty_body_is_malformed_json()
    {
        using var client = factory.ClientFor("ingest");

        var problem = await (await client.PostAsync("/v1/events", Announced([]))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
    }

    // The in-memory test server announces every body's length, so a body without one goes to the
    // reader directly, as Kestrel hands over a chunked request.
    [Theory]
    [InlineData(300, 200)]
    [InlineData(1_000, 11_000)]
    public async Task A_body_without_a_length_is_read_whole_and_refused_beyond_the_limit(int count, int padding)
    {
        var bytes = Batch(Http.NewId("c"), count, new string('y', padding));
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(bytes);
        const long limit = 10 * 1024 * 1024;

        var (document, problem) = await Validation.JsonBody.ReadAsync(context.Request, limit, default);

        Assert.Null(context.Request.ContentLength);
        using (document)
        {
            if (bytes.Length <= limit)
            {
                Assert.Null(problem);
                Assert.Equal(count, document!.RootElement.GetProperty("events").GetArrayLength());
            }
            else
            {
                Assert.Null(document);
                Assert.Equal(413, problem!.StatusCode);
            }
        }
    }

    [Fact]
    public async Task A_body_above_the_pooled_size_is_read_whole()
    {
        using var client = factory.ClientFor("ingest");
        var body = Batch(Http.NewId("c"), 2_000, new string('z', 400));
        Assert.True(body.Length > 1024 * 1024, $"the body has {body.Length} bytes");

        var response = await client.PostAsync("/v1/events", Announced(body));

        Assert.Equal(2_000, (await response.JsonAsync()).GetProperty("accepted").GetInt32());
    }
}
