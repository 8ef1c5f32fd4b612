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

        var body = request.ContentLength is { } length
            ? await ReadKnownLengthAsync(request.Body, length, cancellationToken)
            : await ReadChunkedAsync(request.Body, maxBytes, cancellationToken);
        if (body is null)
        {
            return (null, TooLarge(maxBytes));
        }

        try
        {
            // The document reads the bytes in place (no copy); they live as long as it does.
            return (JsonDocument.Parse(body.Value, new JsonDocumentOptions { MaxDepth = 16 }), null);
        }
        catch (JsonException e)
        {
            // The parser's message names the line and position, which helps the integrator and reveals nothing of ours.
            return (null, Problems.Status(StatusCodes.Status400BadRequest, "Malformed JSON", e.Message));
        }
    }

    /// <summary>
    /// Reads a body of announced length into one array of exactly that size: growing a buffer in
    /// 16 KB steps copied every large batch once more and allocated about twice its size. HTTP frames
    /// the body by that length, so nothing beyond it belongs to this request.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> ReadKnownLengthAsync(Stream body, long length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        var filled = 0;
        while (filled < bytes.Length)
        {
            var read = await body.ReadAsync(bytes.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                // Shorter than announced (the server normally refuses that itself): the parser says what is wrong.
                break;
            }

            filled += read;
        }

        return bytes.AsMemory(0, filled);
    }

    /// <summary>Chunked bodies carry no length, so the limit is enforced while reading.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadChunkedAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return null;
            }
        }
    }

    private static ProblemHttpResult TooLarge(long maxBytes) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request too large",
            $"The body must be at most {maxBytes / 1024 / 1024.0:0.##} MB ({maxBytes} bytes).");
}
