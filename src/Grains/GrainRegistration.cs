using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Grains.Customers;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Portfolio;
using CustomerSuccess.Grains.Tasks;

namespace CustomerSuccess.Grains;

/// <summary>Registers the product's grain classes on a silo.</summary>
public static class GrainRegistration
{
    /// <summary>
    /// Registers the customer, task-board and portfolio grains. <see cref="RuleSettings"/>,
    /// <see cref="HealthSettings"/>, <see cref="StateLimits"/> and <see cref="CheckpointSettings"/> come
    /// from the silo's services when registered there, and are DOMAIN.md's defaults otherwise. Task
    /// changes go to the <see cref="ITaskProjection"/> registered there (the tasks table), otherwise to
    /// the owners' task board grains; portfolio partitions keep their entries in the
    /// <see cref="IPortfolioEntryStore"/> registered there (the portfolio_entries table), otherwise in their grain state.
    /// </summary>
    public static SiloBuilder AddCustomerSuccessGrains(this SiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddGrain<ICustomerGrain, CustomerGrain>("customer", ctx => new CustomerGrain(
                ctx.PersistentState("customer", GrainStateJson.Default.CustomerState),
                Resolve(ctx, RuleSettings.Default),
                Resolve(ctx, HealthSettings.Default),
                Resolve(ctx, StateLimits.Default),
                Resolve<ITaskProjection>(ctx, static c => new TaskBoardProjection(c.GrainFactory))))
            .AddGrain<ITaskBoardGrain, TaskBoardGrain>("task-board", ctx => new TaskBoardGrain(
                ctx.PersistentState("tasks", GrainStateJson.Default.TaskBoardState),
                Resolve(ctx, CheckpointSettings.Default)))
            .AddGrain<IPortfolioPartitionGrain, PortfolioPartitionGrain>("portfolio-partition", ctx => new PortfolioPartitionGrain(
                Resolve<IPortfolioEntryStore>(ctx, static c => new StatePortfolioEntryStore(c.PersistentState("portfolio", GrainStateJson.Default.PortfolioPartitionState))),
                Resolve(ctx, CheckpointSettings.Default)))
            .AddGrain<IPortfolioGrain, PortfolioGrain>("portfolio", _ => new PortfolioGrain());
    }

    private static T Resolve<T>(GrainCreationContext ctx, T fallback) where T : class =>
        ctx.Services.GetService(typeof(T)) as T ?? fallback;

    // For a fallback that must not be built when the service exists (it may attach grain state).
    private static T Resolve<T>(GrainCreationContext ctx, Func<GrainCreationContext, T> fallback) where T : class =>
        ctx.Services.GetService(typeof(T)) as T ?? fallback(ctx);
}
