using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using CustomerSuccess.LoadGen;
using CustomerSuccess.Silo.Ingestion;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerSuccess.Api.Bench;

/// <summary>
/// The HTTP layer's share of ingestion in memory mode. The API runs in this process on Kestrel
/// (real sockets, the whole pipeline: auth, rate limit, request logging, body reading, validation,
/// the 202) twice: with the memory-mode ingestor (customer grains) and with
/// <see cref="DiscardingIngestor"/>. The same LoadGen batches are posted from 8 connections to each,
/// interleaved over 3 rounds. Both saturate the same 2 cores, so the HTTP layer's share of the CPU
/// per event is about (events/s with grains) / (events/s without). The client shares the cores too,
/// and is counted in both.
/// </summary>
public static class HttpLayerShare
{
    private const int Batches = 200;
    private const int Warmup = 50;
    private const int BatchSize = 1_000;
    private const int Connections = 8;
    private const string Key = "api-bench-key";

    public static async Task RunAsync()
    {
        var now = DateTimeOffset.UtcNow;

        // Warnings only, as LoadGen's engine runs (the factory's settings do not reach Serilog's level).
        Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Default", "Warning");
        Console.WriteLine($"http: {Batches} x {BatchSize} events over 100,000 customers, {Connections} connections, after {Warmup} warm-up batches; load average {LoadAverage.Read()}");
        var withGrains = new List<double>();
        var withoutGrains = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            withGrains.Add(await MeasureAsync(discard: false, $"g{round}", now));
            withoutGrains.Add(await MeasureAsync(discard: true, $"d{round}", now));
            Console.WriteLine($"  round {round + 1}: with grains {withGrains[^1]:N0} events/s, HTTP layer only {withoutGrains[^1]:N0} events/s; load average {LoadAverage.Read()}");
        }

        var g = Median(withGrains);
        var d = Median(withoutGrains);
        Console.WriteLine($"median: with grains {g:N0} events/s, HTTP layer only {d:N0} events/s; HTTP layer ~{100 * g / d:0.0} % of the time per event");
    }

    private static async Task<double> MeasureAsync(bool discard, string run, DateTimeOffset now)
    {
        var random = new Random(42);
        var warmup = Enumerable.Range(0, Warmup).Select(b => BatchWriter.Write(run + "w", b, BatchSize, 100_000, now, random)).ToArray();
        var bodies = Enumerable.Range(0, Batches).Select(b => BatchWriter.Write(run, b, BatchSize, 100_000, now, random)).ToArray();
        await using var factory = new BenchFactory(discard);
        factory.UseKestrel(0);
        factory.StartServer();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections })
        {
            BaseAddress = factory.ClientOptions.BaseAddress,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        await PostAllAsync(http, warmup);
        var started = Stopwatch.GetTimestamp();
        await PostAllAsync(http, bodies);
        return (double)Batches * BatchSize / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task PostAllAsync(HttpClient http, byte[][] bodies)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < bodies.Length)
            {
                using var content = new ByteArrayContent(bodies[index]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync("/v1/events", content);
                if ((int)response.StatusCode != 202)
                {
                    throw new InvalidOperationException($"batch {index}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        })));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>The API as LoadGen's engine runs it: Production, one admin key, no rate limit in reach, warnings only.</summary>
    private sealed class BenchFactory(bool discard) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // The API's appsettings.json is copied next to this program; the factory would look for src/Api by name.
            builder.UseContentRoot(AppContext.BaseDirectory);
            builder.UseEnvironment("Production");
            builder.UseSetting("Auth:Keys:0:Name", "api-bench");
            builder.UseSetting("Auth:Keys:0:Role", "admin");
            builder.UseSetting("Auth:Keys:0:Sha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))));
            builder.UseSetting("RateLimit:PermitLimit", "100000000");
            if (discard)
            {
                builder.ConfigureTestServices(services =>
                {
                    services.RemoveAll<IEventIngestor>();
                    services.AddSingleton<IEventIngestor, DiscardingIngestor>();
                });
            }
        }
    }
}
