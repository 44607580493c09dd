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
        var body = CallToken.Body(call);
        return body + "." + Base64Url.EncodeToString(Sign(await KeyAsync(cancellationToken), body));
    }

    /// <summary>The pending call of a genuine token; null for anything else (changed, forged, not a token).</summary>
    public async ValueTask<Call?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        if (!CallToken.TrySplit(token, out var body, out var signature)) return null;
        if (signature.Length != SignatureChars) return null;
        // Compared as text: base64url's last character has spare bits, and a token is genuine only in its one spelling.
        var expected = Base64Url.EncodeToString(Sign(await KeyAsync(cancellationToken), body));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected)) ? CallToken.Read(body) : null;
    }

    private static byte[] Sign(byte[] key, string body) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body))[..SignatureBytes];

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
