using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Core.Tests.Calls;

public sealed class CallTokenTests
{
    /// <summary>A pending call as a token carries it; <paramref name="lifetimeMs"/> after its creation it expires.</summary>
    internal static Call Pending(string name = "张三", string? locale = "zh-CN", long lifetimeMs = 300_000) => new()
    {
        Id = "0123456789abcdef0123",
        DeviceId = "aqm0523",
        ChannelKey = "teams:19:abc@thread.tacv2",
        RequestedBy = new ChatUser("teams", "29:1a2b", name),
        Locale = locale,
        State = CallState.Pending,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123),
        ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123 + lifetimeMs),
    };

    private static CallTokens Tokens(string? secret = null, ISigningKeyStore? keys = null) =>
        new(keys ?? new KeptKeys(), Options.Create(new BotOptions { CallTokenSecret = secret }));

    [Fact]
    public async Task A_token_reads_back_as_the_pending_call_it_was_made_of()
    {
        var tokens = Tokens();
        foreach (var call in new[] { Pending(), Pending("Ann <&> \"O'Neil\" .|", null) })
        {
            var token = await tokens.IssueAsync(call, default);
            Assert.Equal(call, await tokens.ReadAsync(token, default));
            Assert.StartsWith(call.Id + ".", token, StringComparison.Ordinal);
            Assert.Equal(call.Id, CallToken.CallIdOf(token));
        }
    }

    [Fact]
    public async Task Every_changed_character_and_another_key_read_as_no_call()
    {
        var tokens = Tokens();
        var token = await tokens.IssueAsync(Pending(), default);
        for (var i = 0; i < token.Length; i++)
        {
            var changed = token[..i] + (token[i] == 'x' ? 'y' : 'x') + token[(i + 1)..];
            Assert.Null(await tokens.ReadAsync(changed, default));
        }
        Assert.Null(await tokens.ReadAsync(token[..^1], default));
        Assert.Null(await tokens.ReadAsync(token + "x", default));
        Assert.Null(await tokens.ReadAsync("0123456789abcdef0123", default));
        Assert.Null(await tokens.ReadAsync("..", default));
        Assert.Null(await Tokens().ReadAsync(token, default));                     // another store's key
        Assert.Null(await Tokens("a configured secret").ReadAsync(token, default));
    }

    [Fact]
    public async Task A_configured_secret_is_used_instead_of_a_stored_key()
    {
        var keys = new KeptKeys();
        var token = await Tokens("s3cret", keys).IssueAsync(Pending(), default);

        Assert.Equal(Pending(), await Tokens("s3cret", new KeptKeys()).ReadAsync(token, default));
        Assert.Equal(0, keys.Asked);
    }

    [Fact]
    public async Task The_stored_key_is_asked_for_once_and_kept()
    {
        var keys = new KeptKeys();
        var tokens = Tokens(keys: keys);
        for (var i = 0; i < 5; i++) await tokens.ReadAsync(await tokens.IssueAsync(Pending(), default), default);
        Assert.Equal(1, keys.Asked);
    }

    [Fact]
    public async Task A_token_fits_every_platforms_button_even_with_long_names()
    {
        var call = Pending(new string('名', 200)) with { ChannelKey = "teams:" + new string('c', 200) };
        var token = await Tokens().IssueAsync(call, default);
        Assert.True(token.Length < 2000, $"{token.Length} characters");
        Assert.True((await Tokens().IssueAsync(Pending(), default)).Length < 160);
    }

    /// <summary>A store that keeps the first key it is given, counting how often it is asked.</summary>
    private sealed class KeptKeys : ISigningKeyStore
    {
        private byte[]? _key;
        public int Asked { get; private set; }

        public Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken cancellationToken = default)
        {
            Asked++;
            return Task.FromResult(_key ??= candidate);
        }
    }
}
