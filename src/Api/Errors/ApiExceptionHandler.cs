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
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (StorageOutage.Is(exception))
        {
            // Every endpoint reads or writes through the storage in PostgreSQL mode, not only ingestion.
            var retryAfter = exception is StorageUnavailableException unavailable ? unavailable.RetryAfter : DefaultRetryAfter;
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            logger.LogWarning("Storage unavailable on {Method} {Path}, answered 503 with Retry-After {RetryAfterSeconds}: {Reason}",
                context.Request.Method, context.Request.Path, seconds, exception.Message);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var detail = exception is StorageUnavailableException
                ? $"Nothing of this request was stored. Retry after {seconds} s."
                : $"The storage cannot be reached. Retry after {seconds} s.";
            await Problems.Status(StatusCodes.Status503ServiceUnavailable, "Storage unavailable", detail).ExecuteAsync(context);
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
