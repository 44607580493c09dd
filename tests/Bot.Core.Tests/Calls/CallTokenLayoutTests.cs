using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Core.Tests.Calls;

/// <summary>The token's bytes are those of the first layout (BinaryWriter), so cards already in channels keep working.</summary>
public sealed class CallTokenLayoutTests
{
    private static Call Pending(string name, string? locale, long lifetimeMs) => CallTokenTests.Pending(name, locale, lifetimeMs);

    // The layout as first written: BinaryWriter's strings and 7-bit integers, base64url after the call id.
    private static string Reference(Call call)
    {
        using var bytes = new MemoryStream();
        using (var w = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            w.Write((byte)1);
            w.Write(call.DeviceId);
            w.Write(call.ChannelKey);
            w.Write(call.RequestedBy.Platform);
            w.Write(call.RequestedBy.Id);
            w.Write(call.RequestedBy.Name);
            w.Write(call.Locale ?? "");
            w.Write7BitEncodedInt64(call.CreatedAt.ToUnixTimeMilliseconds());
            w.Write7BitEncodedInt64((long)(call.ExpiresAt - call.CreatedAt).TotalMilliseconds);
        }
        return call.Id + "." + Base64Url.EncodeToString(bytes.ToArray());
    }

    public static TheoryData<string, string?, long> Calls => new()
    {
        { "张三", "zh-CN", 300_000 },
        { "", null, 0 },
        { new string('名', 200), "en", 86_400_000 },        // a length past one 7-bit byte
        { "Ann <&> \"O'Neil\" .|", null, -5 },              // a negative lifetime takes ten bytes
        { "😀 emoji", "zh-Hans-CN", 315_360_000_000 },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void The_signed_part_is_written_as_the_binary_writer_wrote_it(string name, string? locale, long lifetimeMs)
    {
        var call = Pending(name, locale, lifetimeMs);
        Assert.Equal(Reference(call), CallToken.Body(call));
    }

    [Fact]
    public async Task The_signature_is_the_first_sixteen_bytes_of_the_hmac_of_the_signed_part()
    {
        var call = Pending("张三", "zh-CN", 300_000);
        var tokens = new CallTokens(new NoKeys(), Options.Create(new BotOptions { CallTokenSecret = "s3cret" }));
        var key = SHA256.HashData(Encoding.UTF8.GetBytes("s3cret"));
        var expected = Reference(call) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Reference(call)))[..16]);

        var token = await tokens.IssueAsync(call, default);

        Assert.Equal(expected, token);
        Assert.Equal(call, await tokens.ReadAsync(expected, default));
    }

    [Fact]
    public async Task A_signature_with_a_character_outside_base64url_reads_as_no_call()
    {
        var tokens = new CallTokens(new NoKeys(), Options.Create(new BotOptions { CallTokenSecret = "s3cret" }));
        var token = await tokens.IssueAsync(Pending("a", null, 1), default);
        Assert.Null(await tokens.ReadAsync(token[..^1] + "é", default));
        Assert.Null(await tokens.ReadAsync(token[..^1] + "?", default));
    }

    private sealed class NoKeys : ISigningKeyStore
    {
        public Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a configured secret needs no stored key");
    }
}
