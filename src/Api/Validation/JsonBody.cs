using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerSuccess.Api.Validation;

/// <summary>
/// Reads a JSON request body ourselves instead of through model binding, so that content type, size
/// and syntax each get their own problem details (415, 413, 400) before any field is looked at.
/// </summary>
public static class JsonBody
{
    /// <summary>Request bodies other than event batches are small.</summary>
    public const long SmallLimit = 64 * 1024;

    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "The body must be JSON, sent with Content-Type: application/json."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        // Chunked bodies carry no length, so the limit is also enforced while reading.
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length ? (int)Math.Max(length, 1) : 16 * 1024);
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }
        }

        try
        {
            return (JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 16 }), null);
        }
        catch (JsonException e)
        {
            // The parser's message names the line and position, which helps the integrator and reveals nothing of ours.
            return (null, Problems.Status(StatusCodes.Status400BadRequest, "Malformed JSON", e.Message));
        }
    }

    private static ProblemHttpResult TooLarge(long maxBytes) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request too large",
            $"The body must be at most {maxBytes / 1024 / 1024.0:0.##} MB ({maxBytes} bytes).");
}
