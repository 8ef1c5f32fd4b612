using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Actors.Time;
using CustomerSuccess.Grains;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerSuccess.Backtest.Tests.Support;

/// <summary>
/// The engine as it runs live: the HTTP API co-hosting its silo in memory mode, with an ingest and a
/// CSM key, on a virtual clock the test moves (as the API tests do).
/// </summary>
public sealed class LiveEngine : WebApplicationFactory<global::Program>
{
    public const string IngestKey = "backtest-test-ingest";
    public const string CsmKey = "backtest-test-csm";

    public LiveEngine(DateTimeOffset start) => Clock = new VirtualClock(start);

    public VirtualClock Clock { get; }

    public int PermitLimit { get; init; } = 1_000_000;

    /// <summary>PostgreSQL mode when set (a database of a throwaway server); memory mode otherwise.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Replaces services of the engine (e.g. an ingestor that fails first).</summary>
    public Action<IServiceCollection>? ReplaceServices { get; init; }

    public SiloRuntime Silo => Services.GetRequiredService<SiloRuntime>();

    public HttpClient ClientFor(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Moves the clock, each timer firing at its time and settling before the next, as in real time.</summary>
    public async Task AdvanceToAsync(DateTimeOffset target)
    {
        await Silo.WhenIdleAsync();
        while (Clock.TryFireNext(target))
        {
            await Silo.WhenIdleAsync();
        }

        Clock.AdvanceTo(target);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        if (PostgresConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Postgres", PostgresConnectionString);
        }

        (string Key, string Role)[] keys = [(IngestKey, "ingest"), (CsmKey, "csm")];
        for (var i = 0; i < keys.Length; i++)
        {
            builder.UseSetting($"Auth:Keys:{i}:Name", $"backtest-{keys[i].Role}");
            builder.UseSetting($"Auth:Keys:{i}:Role", keys[i].Role);
            builder.UseSetting($"Auth:Keys:{i}:Sha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(keys[i].Key))));
        }

        builder.UseSetting("RateLimit:PermitLimit", PermitLimit.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimit:Window", "01:00:00");

        // The replay's defaults, so both sides deactivate idle customers alike; board checkpoints once
        // a virtual day, not every five virtual seconds across months.
        builder.UseSetting("Silo:CollectionAge", "30.00:00:00");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(new CheckpointSettings { Interval = TimeSpan.FromDays(1) });
            ReplaceServices?.Invoke(services);
        });
    }

    public static string At(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
