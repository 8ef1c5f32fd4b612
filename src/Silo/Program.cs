using CustomerSuccess.Silo.Demo;
using Microsoft.Extensions.Hosting;

namespace CustomerSuccess.Silo.Hosting;

/// <summary>The silo alone, as a worker (no HTTP). The API co-hosts the same silo by default.</summary>
internal static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(DemoCommandLine.Expand(args));
        builder.Logging.AddCustomerSuccessSerilog(builder.Configuration);
        builder.Services.AddCustomerSuccessSilo(builder.Configuration);
        await builder.Build().RunAsync();
    }
}
