using System.Diagnostics;

namespace CustomerSuccess.Api.Logging;

/// <summary>
/// One log line per request with its id, the API key's name (never the key), status and duration;
/// the scope carries RequestId and KeyName into every log line written while handling it.
/// </summary>
public static class RequestLogging
{
    public static IApplicationBuilder UseApiRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("CustomerSuccess.Api.Requests");
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            var keyName = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
            using (logger.BeginScope(new Dictionary<string, object?> { ["RequestId"] = context.TraceIdentifier, ["KeyName"] = keyName }))
            {
                var status = StatusCodes.Status500InternalServerError;
                try
                {
                    await next(context);
                    status = context.Response.StatusCode;
                }
                finally
                {
                    // An exception is answered 500 by the exception handler further out, after this line is written.
                    logger.LogInformation("{Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms for key {KeyName}",
                        context.Request.Method, context.Request.Path, status,
                        Stopwatch.GetElapsedTime(started).TotalMilliseconds, keyName ?? "(none)");
                }
            }
        });
    }
}
