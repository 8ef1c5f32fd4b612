using CustomerSuccess.Silo.Demo;
using Microsoft.AspNetCore.Hosting;

namespace CustomerSuccess.Api.Tests;

/// <summary>The run command's --demo flag: a simulated portfolio is there to look at shortly after startup.</summary>
public sealed class DemoTests
{
    private sealed class DemoFactory : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Demo:Customers", "40");
            builder.UseSetting("Demo:BatchCustomers", "15");
        }
    }

    [Fact]
    public void The_bare_demo_switch_becomes_the_configuration_key()
    {
        Assert.Equal(["--urls", "http://x", "--Demo:Enabled=true"], DemoCommandLine.Expand(["--urls", "http://x", "--demo"]));
    }

    [Fact]
    public async Task With_demo_enabled_the_portfolio_has_customers_tasks_and_health_after_startup()
    {
        using var factory = new DemoFactory();
        using var exec = factory.ClientFor("exec");
        using var csm = factory.ClientFor("csm");

        // The loader runs in the background after the silo starts; wait for its last profile.
        var customers = 0;
        var snapshot = default(System.Text.Json.JsonElement);
        for (var attempt = 0; attempt < 300 && customers < 40; attempt++)
        {
            snapshot = await (await exec.GetAsync("/v1/snapshot")).JsonAsync();
            customers = snapshot.GetProperty("customers").GetInt32();
            if (customers < 40)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(40, customers);
        Assert.True(snapshot.GetProperty("openTasksByRule").EnumerateObject().Sum(r => r.Value.GetInt32()) > 0);
        var customer = await (await csm.GetAsync("/v1/customers/sim-000004")).JsonAsync();
        Assert.Equal("unresolved-effort", customer.GetProperty("openTasks")[0].GetProperty("rule").GetString());
    }
}
