// Spec: docs/protocols/slack.md "Requests from Slack": v0 signature over the raw body, 5-minute window.
using System.Security.Cryptography;
using System.Text;

namespace Bot.Slack;

/// <summary>Verifies <c>X-Slack-Signature</c>: <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>.</summary>
public static class SlackSignature
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private const string Prefix = "v0=";

    public static SignatureCheck Verify(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return SignatureCheck.Missing;
        if (timestamp.Length > 12 || !long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            return SignatureCheck.Malformed;
        // SHA-256 → 32 bytes → 64 hex digits.
        if (signature.Length != Prefix.Length + 64 || !signature.StartsWith(Prefix, StringComparison.Ordinal)) return SignatureCheck.Malformed;
        byte[] presented;
        try { presented = Convert.FromHexString(signature.AsSpan(Prefix.Length)); }
        catch (FormatException) { return SignatureCheck.Malformed; }

        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > (long)Window.TotalSeconds) return SignatureCheck.Stale;

        var expected = Compute(signingSecret, timestamp, body);
        return CryptographicOperations.FixedTimeEquals(expected, presented) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The raw HMAC of <c>v0:{timestamp}:{body}</c>.</summary>
    public static byte[] Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var data = new byte[head.Length + body.Length];
        head.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(head.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), data);
    }

    /// <summary>The header value Slack would send (used by tests and the stand-in's own signer is separate).</summary>
    public static string Header(string signingSecret, string timestamp, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Compute(signingSecret, timestamp, body));
}
