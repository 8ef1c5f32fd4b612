using CustomerSuccess.Api.Auth;
using CustomerSuccess.Api.Events;
using CustomerSuccess.Api.Validation;
using CustomerSuccess.Silo.Ingestion;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerSuccess.Api.Apis;

/// <summary>Integrators push touchpoint batches; the answer comes only once the batch is safe.</summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/events", PostEvents)
            .WithName("PostEvents")
            .WithTags("Events")
            .WithSummary("Ingests a batch of 1 to 5,000 touchpoint events (at most 10 MB); refused whole if any event is invalid.")
            .Accepts<EventBatchDocument>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(ApiRoles.Policies.Ingest);
        return app;
    }

    public static async Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> PostEvents(
        HttpRequest request, IEventIngestor ingestor, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(EventsApi));
        var (document, problem) = await JsonBody.ReadAsync(request, EventBatchParser.MaxBytes, cancellationToken);
        if (problem is not null)
        {
            logger.LogInformation("Event batch refused: {Status} {Reason}", problem.StatusCode, problem.ProblemDetails.Title);
            return problem;
        }

        EventBatch batch;
        using (document)
        {
            batch = EventBatchParser.Parse(document!.RootElement, time.GetUtcNow());
        }

        if (batch.TooMany)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Batch too large", batch.Errors[0].Message);
        }

        if (batch.Errors.Count > 0)
        {
            logger.LogInformation("Event batch refused with {ErrorCount} problems", batch.Errors.Count);
            return Problems.Invalid(batch.Errors, "The batch has invalid events; none of it was stored.");
        }

        var result = await ingestor.IngestAsync(batch.Events, cancellationToken);
        logger.LogInformation("Event batch of {EventCount} ingested: {Accepted} accepted, {Duplicates} duplicates",
            batch.Events.Count, result.Accepted, result.Duplicates);
        return TypedResults.Accepted((string?)null, new IngestResponse(result.Accepted, result.Duplicates));
    }
}
