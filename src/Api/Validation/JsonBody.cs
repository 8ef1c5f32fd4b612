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

    // Larger bodies (up to the 10 MB a batch may have) are rare and get an array of their own: the shared
    // pool keeps what it is given until it trims, and a burst of 10 MB bodies would leave it holding
    // hundreds of megabytes. A batch of a thousand typical events is a few hundred kilobytes.
    private const int PooledUpTo = 1024 * 1024;

    /// <summary>The parsed body, or the problem that refuses it. Dispose the body once its fields are read.</summary>
    public static async Task<(JsonRequestBody? Document, ProblemHttpResult? Problem)> ReadAsync(
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

        // A body of announced length goes into a buffer from the shared pool: an event batch of a
        // thousand events is a few hundred kilobytes, and a fresh array of that size per request lands
        // on the large object heap, whose churn sets off full collections over every customer's state.
        // HTTP frames the body by that length, so nothing beyond it belongs to this request.
        var length = (int?)request.ContentLength;
        var rented = length <= PooledUpTo ? ArrayPool<byte>.Shared.Rent(length.Value) : null;
        try
        {
            var body = length is { } known
                ? await ReadKnownLengthAsync(request.Body, (rented ?? new byte[known]).AsMemory(0, known), cancellationToken)
                : await ReadChunkedAsync(request.Body, maxBytes, cancellationToken);
            if (body is null)
            {
                return (null, TooLarge(maxBytes));
            }

            // The document reads the bytes in place (no copy); they live as long as it does.
            var parsed = new JsonRequestBody(JsonDocument.Parse(body.Value, new JsonDocumentOptions { MaxDepth = 16 }), rented);
            rented = null;
            return (parsed, null);
        }
        catch (JsonException e)
        {
            // The parser's message names the line and position, which helps the integrator and reveals nothing of ours.
            return (null, Problems.Status(StatusCodes.Status400BadRequest, "Malformed JSON", e.Message));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadKnownLengthAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await body.ReadAsync(buffer[filled..], cancellationToken);
            if (read == 0)
            {
                // Shorter than announced (the server normally refuses that itself): the parser says what is wrong.
                break;
            }

            filled += read;
        }

        return buffer[..filled];
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
