using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Bot.Core.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Core.Calls;

/// <summary>
/// Signs and checks <see cref="CallToken"/>s: HMAC-SHA256 (cut to 128 bits) with the bot's call key, which is
/// <c>Bot:CallTokenSecret</c> when set and otherwise a random key the store keeps (made once, on first use, the same
/// for every replica and across restarts). A token is only as good as its signature: a changed byte, a token of
/// another key, anything not shaped as one reads as no call at all.
/// </summary>
public sealed class CallTokens(ISigningKeyStore keys, IOptions<BotOptions> options)
{
    /// <summary>The name of the call key in the store.</summary>
    public const string KeyName = "call-token";

    private const int SignatureBytes = 16;
    private const int SignatureChars = 22;   // 16 bytes in unpadded base64url
    private readonly Lock _gate = new();
    private Task<byte[]>? _key;

    /// <summary>The token of a pending call, for its card's buttons.</summary>
    public async ValueTask<string> IssueAsync(Call call, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(cancellationToken);
        var body = CallToken.Body(call);
        Span<byte> signature = stackalloc byte[SignatureBytes];
        Sign(key, body, signature);
        Span<char> encoded = stackalloc char[SignatureChars];
        Base64Url.EncodeToChars(signature, encoded);
        return string.Concat(body, ".", encoded);
    }

    /// <summary>The pending call of a genuine token; null for anything else (changed, forged, not a token).</summary>
    public async ValueTask<Call?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        if (!CallToken.TrySplit(token, out var body, out var signature)) return null;
        if (signature.Length != SignatureChars) return null;
        var key = await KeyAsync(cancellationToken);
        return Genuine(key, body, signature) ? CallToken.Read(body) : null;
    }

    // Compared as text: base64url's last character has spare bits, and a token is genuine only in its one spelling.
    private static bool Genuine(byte[] key, string body, string signature)
    {
        Span<byte> expected = stackalloc byte[SignatureBytes];
        Sign(key, body, expected);
        Span<byte> expectedText = stackalloc byte[SignatureChars];
        Base64Url.EncodeToUtf8(expected, expectedText);
        Span<byte> presentedText = stackalloc byte[SignatureChars];
        // Non-ASCII characters cannot spell base64url: they become '?', which no genuine signature contains.
        Encoding.ASCII.GetBytes(signature, presentedText);
        return CryptographicOperations.FixedTimeEquals(presentedText, expectedText);
    }

    /// <summary>The first <see cref="SignatureBytes"/> of the HMAC-SHA256 of the body's UTF-8 bytes, into <paramref name="signature"/>.</summary>
    private static void Sign(byte[] key, string body, Span<byte> signature)
    {
        var length = Encoding.UTF8.GetByteCount(body);
        var rented = length <= 512 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        Span<byte> bytes = rented is null ? stackalloc byte[512] : rented;
        try
        {
            bytes = bytes[..Encoding.UTF8.GetBytes(body, bytes)];
            Span<byte> hash = stackalloc byte[KeyedHmac.HashBytes];
            KeyedHmac.Compute(key, bytes, hash);
            hash[..SignatureBytes].CopyTo(signature);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        var key = _key;
        if (key is { IsCompletedSuccessfully: true }) return key;
        lock (_gate)
        {
            // A failed read of the store is tried again by the next request rather than remembered.
            if (_key is null || _key.IsFaulted || _key.IsCanceled) _key = LoadAsync(cancellationToken);
            return _key;
        }
    }

    private async Task<byte[]> LoadAsync(CancellationToken cancellationToken)
    {
        if (options.Value.CallTokenSecret is { Length: > 0 } secret) return SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return await keys.GetOrAddAsync(KeyName, RandomNumberGenerator.GetBytes(32), cancellationToken);
    }
}
