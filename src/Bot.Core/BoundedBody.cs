using System.Buffers;

namespace Bot.Core;

/// <summary>
/// Reads a request body of at most a given size, whatever it declares: a declared length over the limit is
/// refused before reading, and an undeclared (chunked) body stops being read as soon as it passes the limit.
/// </summary>
public static class BoundedBody
{
    /// <summary>
    /// As <see cref="ReadAsync"/>, into a pooled buffer (the caller disposes it); null when the body is longer than
    /// <paramref name="maxBytes"/>, whatever it declares.
    /// </summary>
    public static async Task<PooledBody?> ReadPooledAsync(Stream body, long? declaredLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (declaredLength > maxBytes) return null;
        // One spare byte past the declared length shows a body that goes on beyond what it said.
        var buffer = ArrayPool<byte>.Shared.Rent(declaredLength is { } length ? (int)length + 1 : 4 * 1024);
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (declaredLength is not null || filled > maxBytes) break;
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var got = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (got == 0) break;
                filled += got;
                if (filled > maxBytes || filled > declaredLength) break;
            }
            if (filled > maxBytes || filled > declaredLength)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return null;
            }
            return new PooledBody(buffer, filled);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>The body's bytes, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (declaredLength > maxBytes) return null;
        // A declared length (the usual case) is read straight into an array of that size: no copies, no spare buffer.
        if (declaredLength is { } length)
        {
            var exact = new byte[length];
            var filled = 0;
            int got;
            while (filled < exact.Length && (got = await body.ReadAsync(exact.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0) filled += got;
            if (filled < exact.Length) return exact[..filled];
            // Nothing may follow the declared length; a body that goes on is over what it said (and maybe the limit).
            var probe = new byte[1];
            return await body.ReadAsync(probe, cancellationToken).ConfigureAwait(false) == 0 ? exact : null;
        }
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes) return null;
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
