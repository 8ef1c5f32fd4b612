using Microsoft.Extensions.Logging;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerSuccess.Silo.Tests.Ingestion;

/// <summary>The silo as the product hosts it (same registration as the API), on a chosen storage.</summary>
internal static class SiloHosts
{
    public static async Task<Host> StartAsync(string? postgres, TimeProvider? clock = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = postgres });
        builder.Logging.ClearProviders();
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddCustomerSuccessSilo(builder.Configuration);
        var host = new Host(builder.Build());
        await host.StartAsync();
        return host;
    }

    /// <summary>An IHost that disposes asynchronously (the PostgreSQL stores are IAsyncDisposable), stopping first if needed.</summary>
    public sealed class Host(IHost inner) : IAsyncDisposable
    {
        private bool _stopped;

        public IServiceProvider Services => inner.Services;

        public Task StartAsync() => inner.StartAsync();

        public async Task StopAsync()
        {
            _stopped = true;
            await inner.StopAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stopped)
            {
                await inner.StopAsync();
            }

            await ((IAsyncDisposable)inner).DisposeAsync();
        }
    }

    /// <summary>A small mixed history: issues across channels, usage, surveys, a public complaint.</summary>
    public static List<TouchpointEvent> History(int customers, DateTimeOffset now)
    {
        var events = new List<TouchpointEvent>();
        for (var c = 0; c < customers; c++)
        {
            var id = $"cust-{c}";
            var t = now.AddDays(-20);
            for (var d = 0; d < 10; d++)
            {
                events.Add(new TouchpointEvent($"{id}-u{d}", id, TouchpointType.Usage, t.AddDays(d * 2), Channel.App));
            }

            events.Add(new TouchpointEvent($"{id}-i1", id, TouchpointType.ContactInbound, now.AddHours(-30), Channel.Email, IssueId: $"{id}-B1", Sentiment: -0.4));
            events.Add(new TouchpointEvent($"{id}-i2", id, TouchpointType.ContactInbound, now.AddHours(-5), Channel.Phone, IssueId: $"{id}-B1", WaitSeconds: 300));
            events.Add(new TouchpointEvent($"{id}-n", id, TouchpointType.SurveyNps, now.AddHours(-3), Channel.Survey, Score: c % 11));
            if (c % 3 == 0)
            {
                events.Add(new TouchpointEvent($"{id}-s", id, TouchpointType.SocialMention, now.AddHours(-2), Channel.Social, Sentiment: -0.8, Public: true, Reach: 5_000));
            }
        }

        return events;
    }
}
