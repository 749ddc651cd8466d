using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Integrations.Testing.Internal;

/// <summary>
/// A JSON response body serialized into a pooled buffer (returned when the response is disposed),
/// so large pages do not allocate a large-object-heap array each: the server costs about what a
/// real socket would, and sync benchmarks measure the client.
/// </summary>
internal sealed class SandboxPooledJsonContent : HttpContent
{
    private byte[]? _buffer;
    private readonly int _length;

    private SandboxPooledJsonContent(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    public static SandboxPooledJsonContent Create<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var writer = new PooledWriter();
        using (var json = new Utf8JsonWriter(writer))
        {
            JsonSerializer.Serialize(json, value, typeInfo);
        }

        return new SandboxPooledJsonContent(writer.Buffer, writer.Written);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(Buffer, 0, _length);

    protected override Task<Stream> CreateContentReadStreamAsync() =>
        Task.FromResult<Stream>(new MemoryStream(Buffer, 0, _length, writable: false));

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(SandboxPooledJsonContent));

    private sealed class PooledWriter : IBufferWriter<byte>
    {
        public byte[] Buffer { get; private set; } = ArrayPool<byte>.Shared.Rent(4096);

        public int Written { get; private set; }

        public void Advance(int count) => Written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return Buffer.AsMemory(Written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return Buffer.AsSpan(Written);
        }

        private void Ensure(int sizeHint)
        {
            if (Buffer.Length - Written >= Math.Max(sizeHint, 1))
            {
                return;
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(Buffer.Length * 2, Written + sizeHint));
            Buffer.AsSpan(0, Written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(Buffer);
            Buffer = larger;
        }
    }
}
