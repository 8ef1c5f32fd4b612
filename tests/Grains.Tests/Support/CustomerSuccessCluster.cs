using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Actors.Testing;
using CustomerSuccess.Actors.WakeUps;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSuccess.Grains.Tests.Support;

/// <summary>A test silo with the product's grains on a virtual clock.</summary>
internal static class CustomerSuccessCluster
{
    public static async Task<InProcessTestCluster> StartAsync(RuleSettings? rules = null, Action<SiloOptions>? options = null, Action<IServiceCollection>? services = null, IWakeUpStore? wakeUps = null)
    {
        var collection = new ServiceCollection();
        if (rules is not null)
        {
            collection.AddSingleton(rules);
        }

        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        var cluster = new InProcessTestCluster(
            builder => builder
                .UseServices(provider)
                .Configure(o => options?.Invoke(o))
                .AddCustomerSuccessGrains(),
            wakeUps: wakeUps);
        await cluster.StartAsync();
        return cluster;
    }

    public static ICustomerGrain Customer(this InProcessTestCluster cluster, string id) => cluster.GrainFactory.GetGrain<ICustomerGrain>(id);

    public static Task<ApplyResult> SendAsync(this InProcessTestCluster cluster, params TouchpointEvent[] events) =>
        cluster.Customer(events[0].CustomerId).ApplyAsync(events);

    public static async Task<OutreachTask[]> LiveTasksAsync(this InProcessTestCluster cluster, string customer, RuleId? rule = null) =>
        (await cluster.Customer(customer).GetTasksAsync()).Where(t => t.IsLive && (rule is null || t.Rule == rule)).ToArray();

    public static async Task<OutreachTask?> TaskAsync(this InProcessTestCluster cluster, string customer, RuleId rule) =>
        (await cluster.Customer(customer).GetTasksAsync()).FirstOrDefault(t => t.Rule == rule);

    public static Task<IReadOnlyList<OutreachTask>> BoardAsync(this InProcessTestCluster cluster, string? owner = null) =>
        cluster.GrainFactory.GetGrain<ITaskBoardGrain>(owner ?? ITaskBoardGrain.Unassigned).GetTasksAsync();
}
