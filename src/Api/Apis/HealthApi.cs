using CustomerSuccess.Actors.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerSuccess.Api.Apis;

/// <summary>Liveness of the process.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Alive).WithName("Alive").WithTags("Health").AllowAnonymous();
        return app;
    }

    private static Ok<HealthStatus> Alive(SiloRuntime silo) =>
        TypedResults.Ok(new HealthStatus(silo.IsRunning ? "alive" : "starting", silo.ActivationCount));

    public sealed record HealthStatus(string Status, int Activations);
}
