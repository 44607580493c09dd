// Spec: docs/protocols/slack.md "Requests from Slack": v0 signature over the raw body, 5-minute window.
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Bot.Core;

namespace Bot.Slack;

/// <summary>Verifies <c>X-Slack-Signature</c>: <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>.</summary>
public static class SlackSignature
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private const string Prefix = "v0=";
    private const int HashBytes = 32;

    // The secret's bytes, kept for the secret they came from: every request is signed with the same one.
    private static SecretBytes? _secret;

    public static SignatureCheck Verify(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return SignatureCheck.Missing;
        if (timestamp.Length > 12 || !long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            return SignatureCheck.Malformed;
        // SHA-256 → 32 bytes → 64 hex digits.
        if (signature.Length != Prefix.Length + 2 * HashBytes || !signature.StartsWith(Prefix, StringComparison.Ordinal)) return SignatureCheck.Malformed;
        Span<byte> presented = stackalloc byte[HashBytes];
        if (Convert.FromHexString(signature.AsSpan(Prefix.Length), presented, out _, out var written) != OperationStatus.Done || written != HashBytes)
            return SignatureCheck.Malformed;

        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > (long)Window.TotalSeconds) return SignatureCheck.Stale;

        Span<byte> expected = stackalloc byte[HashBytes];
        Compute(signingSecret, timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The raw HMAC of <c>v0:{timestamp}:{body}</c>.</summary>
    public static byte[] Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var hash = new byte[HashBytes];
        Compute(signingSecret, timestamp, body, hash);
        return hash;
    }

    /// <summary>The header value Slack would send (used by tests and the stand-in's own signer is separate).</summary>
    public static string Header(string signingSecret, string timestamp, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Compute(signingSecret, timestamp, body));

    // One pooled buffer holds "v0:{timestamp}:" and the body, and the thread's hasher for the secret signs it: no string,
    // no array per request.
    private static void Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body, Span<byte> hash)
    {
        var headLength = 3 + Encoding.UTF8.GetByteCount(timestamp) + 1;
        var data = ArrayPool<byte>.Shared.Rent(headLength + body.Length);
        try
        {
            var span = data.AsSpan(0, headLength + body.Length);
            "v0:"u8.CopyTo(span);
            Encoding.UTF8.GetBytes(timestamp, span[3..]);
            span[headLength - 1] = (byte)':';
            body.CopyTo(span[headLength..]);
            KeyedHmac.Compute(KeyOf(signingSecret), span, hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    private static byte[] KeyOf(string signingSecret)
    {
        var known = Volatile.Read(ref _secret);
        if (known is not null && string.Equals(known.Secret, signingSecret, StringComparison.Ordinal)) return known.Bytes;
        var fresh = new SecretBytes(signingSecret, Encoding.UTF8.GetBytes(signingSecret));
        Volatile.Write(ref _secret, fresh);
        return fresh.Bytes;
    }
}
