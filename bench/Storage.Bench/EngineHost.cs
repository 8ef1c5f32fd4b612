using CustomerSuccess.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Storage.Bench;

/// <summary>The engine in PostgreSQL mode as the benchmarks host it: the silo alone, no HTTP.</summary>
internal static class EngineHost
{
    public static IHost Build(string connectionString, bool log = false)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connectionString });
        builder.Logging.ClearProviders();
        if (log)
        {
            // Start-up and recovery with their times, to read the figures against.
            builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Information);
        }

        builder.Services.AddCustomerSuccessSilo(builder.Configuration);
        return builder.Build();
    }
}
