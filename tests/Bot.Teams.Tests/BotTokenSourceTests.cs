using Bot.Teams.Connector;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Teams.Tests;

/// <summary>The bot's connector token as the host wires it, fetched from the stand-in's token endpoint.</summary>
public sealed class BotTokenSourceTests : IAsyncLifetime
{
    // The token's expiry comes from the endpoint by the real clock; the bot's clock starts there and moves in the test's hand.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WiredTeams _wired = null!;

    private BotTokenSource Tokens => _wired.Get<BotTokenSource>();

    public async Task InitializeAsync() => _wired = await WiredTeams.StartAsync(_time);

    public async Task DisposeAsync() => await _wired.DisposeAsync();

    [Fact]
    public async Task A_token_is_held_until_a_renewal_replaces_it()
    {
        var first = Assert.IsType<BotToken.Issued>(await Tokens.GetAsync(default));
        Assert.Equal(first, await Tokens.GetAsync(default));
        Assert.Equal(1, _wired.StandIn.TokensIssued);

        // The connector refused it: a fresh one at once, and that one is held from then on.
        var renewed = Assert.IsType<BotToken.Issued>(await Tokens.GetAsync(default, renew: true));
        Assert.NotEqual(first, renewed);
        Assert.Equal(2, _wired.StandIn.TokensIssued);
        Assert.Equal(renewed, await Tokens.GetAsync(default));
    }
}
