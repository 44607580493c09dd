using System.Security.Cryptography;
using System.Text;
using Bot.Core;

namespace Bot.Core.Tests;

public sealed class KeyedHmacTests
{
    [Fact]
    public void Signs_as_the_one_shot_hmac_does_under_each_key_however_they_interleave()
    {
        // More keys than a thread keeps hashers for, so keys are also replaced and made again.
        var keys = Enumerable.Range(0, 7).Select(i => Encoding.UTF8.GetBytes($"key-{i}-" + new string('k', i * 20))).ToArray();
        var data = Enumerable.Range(0, 5).Select(i => Encoding.UTF8.GetBytes(new string('d', i * 97))).ToArray();
        Span<byte> hash = stackalloc byte[KeyedHmac.HashBytes];
        for (var round = 0; round < 3; round++)
            foreach (var key in keys)
                foreach (var bytes in data)
                {
                    KeyedHmac.Compute(key, bytes, hash);
                    Assert.Equal(HMACSHA256.HashData(key, bytes), hash.ToArray());
                }
    }

    [Fact]
    public void A_key_array_with_other_bytes_signs_with_its_own_bytes()
    {
        var data = "v0:1:body"u8.ToArray();
        Span<byte> first = stackalloc byte[KeyedHmac.HashBytes];
        Span<byte> second = stackalloc byte[KeyedHmac.HashBytes];
        KeyedHmac.Compute("secret-a"u8.ToArray(), data, first);
        KeyedHmac.Compute("secret-b"u8.ToArray(), data, second);
        Assert.False(first.SequenceEqual(second));
        Assert.Equal(HMACSHA256.HashData("secret-b"u8.ToArray(), data), second.ToArray());
    }
}
