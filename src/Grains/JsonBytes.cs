using System.Buffers;
using System.Text.Json;

namespace CustomerSuccess.Grains;

/// <summary>
/// JSON written into a per-thread buffer and copied out once, for forms written per event or per
/// task (a log payload, a task row), where a new buffer and writer each time cost more than the
/// writing. The write must not itself call <see cref="Write{T}"/>: it would share the buffer.
/// </summary>
public static class JsonBytes
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static byte[] Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        write(writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
