using System.Security.Cryptography;

namespace Bot.Core;

/// <summary>
/// HMAC-SHA256 under a key that signs every request (a platform's signing secret, the call key). Each thread keeps the keyed
/// hashers it made, so a request pays for hashing its bytes only: the one-shot <c>HMACSHA256.HashData</c> looks the
/// algorithm up in OpenSSL and keys a new context on every call, which cost more than the hashing (bench/RESULTS.md).
/// </summary>
public static class KeyedHmac
{
    public const int HashBytes = 32;

    // A handful of keys at most (the signing secret and the call key; a rotated one replaces the oldest).
    private const int KeysPerThread = 4;

    [ThreadStatic] private static (byte[] Key, IncrementalHash Hasher)[]? t_hashers;
    [ThreadStatic] private static int t_next;

    /// <summary>
    /// The HMAC-SHA256 of <paramref name="data"/> under <paramref name="key"/> into <paramref name="hash"/>. A key is known by
    /// its array: pass the same array for the same key, and never change its bytes (a new key is a new array).
    /// </summary>
    public static void Compute(byte[] key, ReadOnlySpan<byte> data, Span<byte> hash)
    {
        var hasher = HasherFor(key);
        hasher.AppendData(data);
        hasher.GetHashAndReset(hash);
    }

    private static IncrementalHash HasherFor(byte[] key)
    {
        var hashers = t_hashers ??= new (byte[], IncrementalHash)[KeysPerThread];
        foreach (var (known, hasher) in hashers)
            if (ReferenceEquals(known, key)) return hasher;
        var slot = t_next;
        t_next = (slot + 1) % KeysPerThread;
        hashers[slot].Hasher?.Dispose();
        var fresh = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hashers[slot] = (key, fresh);
        return fresh;
    }
}
