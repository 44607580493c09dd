using System.Net;
using System.Text.Json.Nodes;
using Bot.Core.Channels;
using Bot.StandIns.Teams;
using Bot.Teams;

namespace Bot.Host.Tests.Teams;

/// <summary>POST /api/messages accepts only tokens the channel issued for this bot and this activity.</summary>
public sealed class TeamsAuthTests : IAsyncLifetime
{
    private TeamsHarness _h = null!;

    public async Task InitializeAsync() => _h = await TeamsHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private JsonObject Help() => ChannelActivities.Message(_h.ServiceUrl, _h.BotId, TeamsPlace.Channel(), TeamsPerson.Bob, "help");

    [Fact]
    public async Task A_valid_token_is_accepted_and_the_bot_answers_in_the_conversation()
    {
        var response = await _h.SendAsync(Help());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await _h.Teams.WaitForAsync(c => c.Any(x => x.Status == 201), TimeSpan.FromSeconds(10));
        var reply = Assert.Single(calls);
        Assert.Equal("reply", reply.Operation);
        Assert.Equal(TeamsPlace.Channel().ConversationId, reply.ConversationId);
        Assert.Equal("AdaptiveCard", reply.Card?["type"]?.GetValue<string>());
        Assert.NotNull(await _h.Channels.FindAsync(Channel.KeyOf(TeamsPlatform.Name, TeamsPlace.Channel().ConversationId)));
    }

    public static TheoryData<string> Refusals => new()
    {
        "no token", "wrong audience", "wrong issuer", "expired", "alg none", "key not in the set",
        "serviceurl differs", "key not endorsed for msteams", "no serviceurl claim", "garbage",
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_token_is_refused_with_401_and_changes_nothing(string what)
    {
        var t = _h.Teams;
        var activity = Help();
        string? token = what switch
        {
            "no token" => "",
            "wrong audience" => t.ChannelToken(change: s => s with { Audience = "00000000-1111-2222-3333-444444444444" }),
            "wrong issuer" => t.ChannelToken(change: s => s with { Issuer = "https://sts.windows.net/attacker/" }),
            "expired" => t.ChannelToken(change: s => s with { IssuedAt = DateTimeOffset.UtcNow.AddHours(-2), Expires = DateTimeOffset.UtcNow.AddMinutes(-6) }),
            "alg none" => t.ChannelToken(change: s => s with { Unsigned = true }),
            "key not in the set" => t.ChannelToken(t.UnlistedKey),
            "serviceurl differs" => t.ChannelToken(change: s => s with { ServiceUrl = "https://smba.trafficmanager.net/emea/" }),
            "key not endorsed for msteams" => t.ChannelToken(t.OtherChannelKey),
            "no serviceurl claim" => t.ChannelToken(change: s => s with { WithoutServiceUrl = true }),
            _ => "not.a.jwt",
        };

        var response = await _h.SendAsync(activity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_h.Teams.Calls);
        Assert.Empty(await _h.Channels.AllAsync());
    }

    [Fact]
    public async Task A_token_just_within_the_five_minutes_of_clock_skew_is_accepted()
    {
        var token = _h.Teams.ChannelToken(change: s => s with { IssuedAt = DateTimeOffset.UtcNow.AddHours(-1), Expires = DateTimeOffset.UtcNow.AddMinutes(-3) });

        var response = await _h.SendAsync(Help(), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_token_for_a_body_that_is_not_an_activity_gets_400_and_changes_nothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", _h.Teams.ChannelToken());

        var response = await _h.Bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_h.Teams.Calls);
        Assert.Empty(await _h.Channels.AllAsync());
    }
}
