using System.Globalization;
using System.Threading.RateLimiting;
using CustomerSuccess.Api.Validation;
using Microsoft.Extensions.Options;

namespace CustomerSuccess.Api.RateLimiting;

/// <summary>The "RateLimit" section: how many requests one API key may make per window.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";

    public int PermitLimit { get; set; } = 600;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// One fixed-window limit per API key name, so one noisy integrator cannot starve the others.
/// Anonymous requests (health, docs) are not limited; requests with a bad key never get this far,
/// because authorization runs first.
/// </summary>
public static class ApiKeyRateLimiting
{
    public static IServiceCollection AddApiKeyRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName);
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var keyName = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
                if (keyName is null)
                {
                    return RateLimitPartition.GetNoLimiter("anonymous");
                }

                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(keyName, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = options.Window,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.Status(StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This API key made too many requests; retry after {seconds} s.").ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
