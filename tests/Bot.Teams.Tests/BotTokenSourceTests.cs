using Bot.StandIns.Teams;
using Bot.Teams.Connector;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Teams.Tests;

/// <summary>The bot's connector token as the host wires it, fetched from the stand-in's token endpoint.</summary>
public sealed class BotTokenSourceTests
{
    [Fact]
    public async Task A_renewal_replaces_the_held_token()
    {
        await using var wired = await WiredTeams.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var tokens = wired.Get<BotTokenSource>();
        var first = Assert.IsType<BotToken.Issued>(await tokens.GetAsync(default));

        // The connector refused it: a fresh one at once, and that one is used from then on.
        var renewed = Assert.IsType<BotToken.Issued>(await tokens.GetAsync(default, renew: true));
        Assert.NotEqual(first, renewed);
        Assert.Equal(2, wired.StandIn.TokensIssued);
        Assert.Equal(renewed, await tokens.GetAsync(default));
    }

    [Fact]
    public async Task The_token_is_held_by_the_bots_clock_and_fetched_again_near_its_expiry()
    {
        // A token of 4 minutes is one MSAL's own cache no longer uses (it wants 5 minutes left), so only the held token
        // can answer a second time. The stand-in issues it by the real clock; the bot's clock stands 10 minutes before.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(10));
        await using var wired = await WiredTeams.StartAsync(time, new TeamsStandInSettings { TokenLifetime = TimeSpan.FromMinutes(4) });
        var tokens = wired.Get<BotTokenSource>();

        var first = Assert.IsType<BotToken.Issued>(await tokens.GetAsync(default));
        Assert.Equal(first, await tokens.GetAsync(default));
        Assert.Equal(1, wired.StandIn.TokensIssued);

        // By the bot's clock it is now within 5 minutes of the token's expiry: the endpoint is asked again.
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.NotEqual(first, await tokens.GetAsync(default));
        Assert.Equal(2, wired.StandIn.TokensIssued);
    }
}
