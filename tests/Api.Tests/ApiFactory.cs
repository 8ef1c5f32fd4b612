using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using CustomerSuccess.Actors.Time;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerSuccess.Api.Tests;

/// <summary>
/// The API in memory mode with one configured key per role, a virtual clock, and hooks to replace
/// services (ingestor, storage health) or tighten the rate limit.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly string[] Roles = ["ingest", "csm", "exec", "admin"];

    public VirtualClock Clock { get; } = new(Start);

    public int PermitLimit { get; init; } = 100_000;

    public string Environment { get; init; } = "Development";

    public bool ConfigureKeys { get; init; } = true;

    public Action<IServiceCollection>? ReplaceServices { get; init; }

    /// <summary>More configuration, as "Section:Name" = value.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>PostgreSQL mode when set (a database of a throwaway server); memory mode otherwise.</summary>
    public string? PostgresConnectionString { get; init; }

    public static string Key(string role) => $"test-key-for-{role}";

    public HttpClient ClientFor(string role)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key(role));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        if (PostgresConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Postgres", PostgresConnectionString);
        }

        if (ConfigureKeys)
        {
            for (var i = 0; i < Roles.Length; i++)
            {
                builder.UseSetting($"Auth:Keys:{i}:Name", $"test-{Roles[i]}");
                builder.UseSetting($"Auth:Keys:{i}:Role", Roles[i]);
                builder.UseSetting($"Auth:Keys:{i}:Sha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key(Roles[i])))));
            }
        }

        foreach (var (name, value) in Settings)
        {
            builder.UseSetting(name, value);
        }

        builder.UseSetting("RateLimit:PermitLimit", PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // A long window, so a limit test never straddles a window boundary.
        builder.UseSetting("RateLimit:Window", "01:00:00");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            ReplaceServices?.Invoke(services);
        });
    }
}
