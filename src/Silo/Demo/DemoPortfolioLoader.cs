using System.Diagnostics;
using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.Ingestion;
using CustomerSuccess.Simulation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerSuccess.Silo.Demo;

/// <summary>
/// Loads a simulated portfolio after the silo has started: <see cref="DemoOptions.Days"/> of history
/// ending now, through the same <see cref="IEventIngestor"/> as the API, then the profiles. Runs in
/// the background so the API answers meanwhile; the log says when it is done.
/// </summary>
internal sealed class DemoPortfolioLoader(
    DemoOptions options, IEventIngestor ingestor, IGrainFactory grains, TimeProvider time, ILogger<DemoPortfolioLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LoadAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Demo portfolio loading stopped with the host");
        }
        catch (Exception ex)
        {
            // The engine itself is fine; only the demo data is incomplete.
            logger.LogError(ex, "Demo portfolio loading failed");
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var generator = new PortfolioGenerator(new PortfolioOptions
        {
            Seed = options.Seed, Customers = options.Customers, Owners = options.Owners, Days = options.Days, End = time.GetUtcNow(),
        });
        logger.LogInformation("Demo: loading {Customers} simulated customers with {Days} days of history (seed {Seed})",
            options.Customers, options.Days, options.Seed);

        var perBatch = Math.Max(1, options.BatchCustomers);
        long events = 0, duplicates = 0;
        var nextReport = options.Customers / 4;
        for (var first = 0; first < options.Customers; first += perBatch)
        {
            var customers = new SimulatedCustomer[Math.Min(perBatch, options.Customers - first)];
            var batch = new List<TouchpointEvent>(customers.Length * 64);
            for (var i = 0; i < customers.Length; i++)
            {
                customers[i] = generator.GenerateCustomer(first + i);
                batch.AddRange(customers[i].Events);
            }

            var result = await ingestor.IngestAsync(batch, cancellationToken);
            events += result.Accepted;
            duplicates += result.Duplicates;

            // The profile after the history: a profile alone scores a customer, and its history
            // arriving later would then look like a health drop today.
            var profiles = new Task[customers.Length];
            for (var i = 0; i < customers.Length; i++)
            {
                profiles[i] = grains.GetGrain<ICustomerGrain>(customers[i].Id).SetProfileAsync(customers[i].Profile);
            }

            await Task.WhenAll(profiles);
            var loaded = first + customers.Length;
            if (loaded >= nextReport && loaded < options.Customers)
            {
                logger.LogInformation("Demo: {Loaded}/{Customers} customers loaded", loaded, options.Customers);
                nextReport += options.Customers / 4;
            }
        }

        logger.LogInformation(
            "Demo portfolio loaded: {Customers} customers, {Events} events ({Duplicates} already there) in {Seconds:0.0} s; owners csm-01..csm-{Owners:D2}",
            options.Customers, events, duplicates, watch.Elapsed.TotalSeconds, options.Owners);
    }
}
