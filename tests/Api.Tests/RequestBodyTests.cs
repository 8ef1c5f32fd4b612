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
    public async Task A_shorter_body_in_a_buffer_a_longer_one_filled_is_read_to_its_own_length()
    {
        // Both between 128 and 256 KB: the pool hands them arrays of the same size, often the same array.
        using var client = factory.ClientFor("ingest");
        var longBody = Batch(Http.NewId("c"), 520, new string('x', 200));
        var shortBody = Batch(Http.NewId("c"), 330, new string('x', 200));
        Assert.InRange(shortBody.Length, 128 * 1024 + 1, longBody.Length - 1);
        Assert.InRange(longBody.Length, shortBody.Length + 1, 256 * 1024);
        for (var round = 0; round < 5; round++)
        {
            var long_ = await client.PostAsync("/v1/events", Announced(longBody));
            var short_ = await client.PostAsync("/v1/events", Announced(shortBody));

            // The first round accepts them; later rounds find them all seen. Either way every event is counted.
            var longCounts = await long_.JsonAsync();
            var shortCounts = await short_.JsonAsync();
            Assert.Equal(520, longCounts.GetProperty("accepted").GetInt32() + longCounts.GetProperty("duplicates").GetInt32());
            Assert.Equal(330, shortCounts.GetProperty("accepted").GetInt32() + shortCounts.GetProperty("duplicates").GetInt32());
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
    [InlineData(300, 200, false)]
    [InlineData(1_000, 11_000, true)]
    public async Task A_body_without_a_length_is_read_whole_and_refused_beyond_the_limit(int count, int padding, bool tooLarge)
    {
        var bytes = Batch(Http.NewId("c"), count, new string('y', padding));
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(bytes);
        const long limit = 10 * 1024 * 1024;

        var (document, problem) = await Validation.JsonBody.ReadAsync(context.Request, limit, default);

        Assert.Null(context.Request.ContentLength);
        Assert.Equal(tooLarge, bytes.Length > limit);
        using (document)
        {
            if (!tooLarge)
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
