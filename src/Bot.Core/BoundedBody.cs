using System.Buffers;

namespace Bot.Core;

/// <summary>
/// Reads a request body of at most a given size, whatever it declares: a declared length over the limit is
/// refused before reading, and an undeclared (chunked) body stops being read as soon as it passes the limit.
/// </summary>
public static class BoundedBody
{
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
