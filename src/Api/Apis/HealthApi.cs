using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Api.Validation;
using CustomerSuccess.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerSuccess.Api.Apis;

/// <summary>Liveness of the process (/healthz) and readiness of its storage (/readyz), both anonymous for probes.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Alive).WithName("Alive").WithTags("Health").AllowAnonymous();
        app.MapGet("/readyz", Ready).WithName("Ready").WithTags("Health").AllowAnonymous();
        return app;
    }

    private static Ok<HealthStatus> Alive(SiloRuntime silo) =>
        TypedResults.Ok(new HealthStatus(silo.IsRunning ? "alive" : "starting", silo.ActivationCount));

    private static async Task<Results<Ok<ReadyStatus>, ProblemHttpResult>> Ready(
        IStorageHealth storage, SiloRuntime silo, CancellationToken cancellationToken)
    {
        if (silo.IsRunning && await storage.IsReadyAsync(cancellationToken))
        {
            return TypedResults.Ok(new ReadyStatus("ready", storage.Mode));
        }

        return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Not ready",
            $"The silo or its {storage.Mode} storage is not ready to serve requests.");
    }

    public sealed record HealthStatus(string Status, int Activations);

    public sealed record ReadyStatus(string Status, string Storage);
}
