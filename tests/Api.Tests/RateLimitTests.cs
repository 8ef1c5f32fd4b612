using System.Net;

namespace CustomerSuccess.Api.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_retry_after_while_other_keys_go_on()
    {
        using var factory = new ApiFactory { PermitLimit = 3 };
        using var exec = factory.ClientFor("exec");
        using var admin = factory.ClientFor("admin");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await exec.GetAsync("/v1/snapshot")).StatusCode);
        }

        var limited = await exec.GetAsync("/v1/snapshot");
        var other = await admin.GetAsync("/v1/snapshot");

        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Anonymous_probes_are_not_rate_limited()
    {
        using var factory = new ApiFactory { PermitLimit = 1 };
        using var client = factory.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        }
    }
}
