namespace CustomerSuccess.Api.Auth;

public static class ApiKeyAuthenticationExtensions
{
    /// <summary>API-key authentication and the role policies. Keys are read when first needed (at startup, see <see cref="ApiKeyStartupCheck"/>).</summary>
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyStore>();
        services.AddHostedService<ApiKeyStartupCheck>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddApiAuthorization();
        return services;
    }
}

/// <summary>
/// Loads the keys while the host starts, so a missing key configuration stops the process with its
/// message at once rather than at the first request.
/// </summary>
internal sealed class ApiKeyStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<ApiKeyStore>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
