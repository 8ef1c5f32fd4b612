using System.Net;
using CustomerSuccess.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerSuccess.Api.Tests;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_is_200_when_the_storage_is_ready()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("memory", body.GetProperty("storage").GetString());
    }

    [Fact]
    public async Task Readyz_is_503_when_the_storage_is_unreachable()
    {
        using var factory = new ApiFactory { ReplaceServices = s => s.Replace(ServiceDescriptor.Singleton<IStorageHealth>(new DownStorage())) };
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/readyz");

        await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    private sealed class DownStorage : IStorageHealth
    {
        public string Mode => "postgres";

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
