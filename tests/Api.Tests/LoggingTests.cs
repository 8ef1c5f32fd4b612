using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Api.Tests;

public sealed class LoggingTests
{
    private sealed class LoggedApiFactory : ApiFactory
    {
        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }

    [Fact]
    public async Task Requests_are_logged_with_the_key_name_and_counts_but_never_the_key()
    {
        using var factory = new LoggedApiFactory();
        using var client = factory.ClientFor("ingest");

        var response = await client.PostEventsAsync(Http.Event(Http.NewId("c")), Http.Event(Http.NewId("c")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var lines = factory.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("test-ingest", StringComparison.Ordinal) && l.Contains("answered 202", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Accepted=2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("RequestId=", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(ApiFactory.Key("ingest"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_configured_keys_development_logs_one_working_key_per_role()
    {
        using var factory = new LoggedApiFactory { ConfigureKeys = false };
        using var anonymous = factory.CreateClient();

        var generated = factory.Logs.Lines
            .Select(l => Regex.Match(l, @"Development API key for role (\w+): (cs_dev_\w+)"))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        Assert.Equal(ApiFactory.Roles.Order(), generated.Keys.Order());
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", generated["exec"]);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/v1/snapshot")).StatusCode);
    }
}
