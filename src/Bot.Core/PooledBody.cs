using System.Buffers;

namespace Bot.Core;

/// <summary>
/// A request body read into a buffer borrowed from the shared pool: the hot endpoints read thousands of bodies a second,
/// and a fresh array for each is garbage the moment the request is answered. Dispose returns the buffer; nothing may
/// hold <see cref="Memory"/> or <see cref="Span"/> after that.
/// </summary>
public sealed class PooledBody : IDisposable
{
    private byte[]? _buffer;

    internal PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsMemory(0, Length);

    public ReadOnlySpan<byte> Span => Memory.Span;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer) ArrayPool<byte>.Shared.Return(buffer);
    }
}
