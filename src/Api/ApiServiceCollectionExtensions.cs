using CustomerSuccess.Api.Auth;
using CustomerSuccess.Api.Contracts;
using CustomerSuccess.Api.Errors;
using CustomerSuccess.Api.OpenApi;
using CustomerSuccess.Api.RateLimiting;
using CustomerSuccess.Api.Snapshots;

namespace CustomerSuccess.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>Everything the HTTP API adds on top of the silo: JSON, errors, auth, rate limits, docs, snapshot history.</summary>
    public static IServiceCollection AddCustomerSuccessApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddApiKeyAuth();
        services.AddApiKeyRateLimiting();
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecurityTransformer>();
            o.AddOperationTransformer<BearerSecurityTransformer>();
        });
        services.AddHostedService<SnapshotRecorder>();
        return services;
    }
}
