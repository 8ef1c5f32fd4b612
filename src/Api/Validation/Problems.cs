using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CustomerSuccess.Api.Validation;

/// <summary>The RFC 9457 problem details this API answers with, so every refusal has the same shape.</summary>
public static class Problems
{
    public static ProblemHttpResult Invalid(IReadOnlyList<FieldError> errors, string detail = "The request has invalid fields; nothing was stored.")
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid request",
            Detail = detail,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        };
        problem.Extensions["errors"] = errors;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Invalid(string field, string message) => Invalid([new FieldError(null, field, message)]);

    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    public static ProblemHttpResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, "Not found", detail);
}
