using System.Buffers;
using System.Text.Json;

namespace CustomerSuccess.Api.Validation;

/// <summary>
/// A parsed request body and the pooled buffer its document reads in place: disposing it returns
/// both, so nothing may read the document, or an element of it, afterwards.
/// </summary>
public sealed class JsonRequestBody(JsonDocument document, byte[]? pooledBuffer) : IDisposable
{
    private byte[]? _pooledBuffer = pooledBuffer;

    public JsonElement RootElement => document.RootElement;

    public void Dispose()
    {
        document.Dispose();
        if (Interlocked.Exchange(ref _pooledBuffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
