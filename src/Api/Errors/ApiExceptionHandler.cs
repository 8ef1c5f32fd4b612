using System.Globalization;
using CustomerSuccess.Api.Validation;
using CustomerSuccess.Silo.Ingestion;
using Microsoft.AspNetCore.Diagnostics;

namespace CustomerSuccess.Api.Errors;

/// <summary>
/// Last line of defence: storage outages become 503 with Retry-After (the client should retry the
/// same batch), anything else 500 with a trace id and no internals.
/// </summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is StorageUnavailableException unavailable)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds));
            logger.LogWarning("Storage unavailable, answered 503 with Retry-After {RetryAfterSeconds}: {Reason}", seconds, unavailable.Message);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Problems.Status(StatusCodes.Status503ServiceUnavailable, "Storage unavailable",
                $"Nothing of this request was stored. Retry after {seconds} s.").ExecuteAsync(context);
            return true;
        }

        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer and nothing went wrong on our side.
            logger.LogInformation("Request {Method} {Path} aborted by the client", context.Request.Method, context.Request.Path);
            return true;
        }

        if (exception is BadHttpRequestException bad)
        {
            await Problems.Status(bad.StatusCode, "Bad request", "The request could not be read.").ExecuteAsync(context);
            return true;
        }

        logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        var problem = Problems.Status(StatusCodes.Status500InternalServerError, "Internal error",
            $"Something went wrong on our side. Quote trace id {context.TraceIdentifier} when reporting it.");
        await problem.ExecuteAsync(context);
        return true;
    }
}
