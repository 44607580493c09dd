using System.Net;
using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.StandIns;
using Bot.StandIns.Teams;
using System.Text.Json.Nodes;
using Bot.Teams;

namespace Bot.Host.Tests.Teams;

/// <summary>Conversation references from install events, proactive posts through them, and the connector's limits.</summary>
public sealed class TeamsProactiveTests : IAsyncLifetime
{
    private TeamsHarness _h = null!;

    public async Task InitializeAsync() => _h = await TeamsHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private IChatSurface Surface => _h.Bot.Get<ChatSurfaces>().For(TeamsPlatform.Name)!;

    private static BotReply Card(string text) => CardParts.Message(text);

    [Fact]
    public async Task ConversationUpdate_stores_a_reference_that_a_later_proactive_post_follows()
    {
        var place = TeamsPlace.Channel();
        var update = ChannelActivities.ConversationUpdate(_h.ServiceUrl, _h.BotId, place, TeamsPerson.Alice);
        Assert.Equal(HttpStatusCode.OK, (await _h.SendAsync(update)).StatusCode);
        Assert.Empty(_h.Teams.Calls);

        var channel = await _h.Channels.FindAsync(Channel.KeyOf(TeamsPlatform.Name, place.ConversationId));
        Assert.NotNull(channel?.Reference);
        Assert.Equal(place.TenantId, channel.TenantId);
        Assert.Equal("Field Ops / Pump stations", channel.Name);

        var outcome = await Surface.PostAsync(channel, Card("Alarm: pump stopped"), CancellationToken.None);

        var posted = Assert.IsType<PostOutcome.Posted>(outcome);
        var call = Assert.Single(_h.Teams.Calls);
        Assert.Equal("create", call.Operation);
        Assert.Equal(place.ConversationId, call.ConversationId);
        Assert.Equal(place.TenantId, call.Body!["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.Contains("Alarm: pump stopped", call.Card!.ToJsonString());
        // The bearer token is one the token endpoint issued (MultiTenant: tenant botframework.com).
        Assert.StartsWith("standin.", call.Bearer);
        Assert.Equal(1, _h.Teams.TokensIssued);

        // The message can be edited later through its reference.
        var edited = await Surface.UpdateAsync(channel, posted.MessageRef, Card("Alarm: acknowledged by Alice"), CancellationToken.None);
        Assert.IsType<PostOutcome.Posted>(edited);
        var edit = _h.Teams.Calls[^1];
        Assert.Equal("update", edit.Operation);
        Assert.Equal(call.ActivityId, edit.ActivityId);
        Assert.Equal($"{place.ConversationId};messageid={call.ActivityId}", edit.ConversationId);
        Assert.Contains("%3Bmessageid%3D", edit.RawTarget);
        Assert.Equal(1, _h.Teams.TokensIssued);
    }

    [Fact]
    public async Task A_personal_chat_reference_posts_into_that_chat_and_uninstall_removes_it()
    {
        var place = TeamsPlace.Personal();
        await _h.SendAsync(ChannelActivities.InstallationUpdate(_h.ServiceUrl, _h.BotId, place, TeamsPerson.Bob, "add"));
        var key = Channel.KeyOf(TeamsPlatform.Name, place.ConversationId);
        var channel = (await _h.Channels.FindAsync(key))!;

        Assert.IsType<PostOutcome.Posted>(await Surface.PostAsync(channel, Card("hello"), CancellationToken.None));
        var call = Assert.Single(_h.Teams.Calls);
        Assert.Equal("send", call.Operation);
        Assert.Equal(place.ConversationId, call.ConversationId);
        Assert.DoesNotContain(":", call.RawTarget.Split("/conversations/")[1].Split('/')[0]);

        await _h.SendAsync(ChannelActivities.InstallationUpdate(_h.ServiceUrl, _h.BotId, place, TeamsPerson.Bob, "remove"));

        var forgotten = (await _h.Channels.FindAsync(key))!;
        Assert.Null(forgotten.Reference);
        Assert.IsType<PostOutcome.Permanent>(await Surface.PostAsync(forgotten, Card("hello again"), CancellationToken.None));
        Assert.Single(_h.Teams.Calls);
    }

    [Fact]
    public async Task The_bot_removed_from_a_team_forgets_the_reference_but_keeps_the_mappings()
    {
        var place = TeamsPlace.Channel();
        var key = Channel.KeyOf(TeamsPlatform.Name, place.ConversationId);
        await _h.SendAsync(ChannelActivities.ConversationUpdate(_h.ServiceUrl, _h.BotId, place, TeamsPerson.Alice));
        await _h.Bot.AddDeviceAsync("aqm0523", "aqm0523--1", "759646@saasgroupchat.example.test", null, key);

        var response = await _h.SendAsync(ChannelActivities.ConversationUpdate(_h.ServiceUrl, _h.BotId, place, TeamsPerson.Alice, added: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await _h.Channels.FindAsync(key))!.Reference);
        Assert.Equal(["aqm0523"], await _h.Bot.Get<Bot.Core.Storage.IMappingStore>().DevicesOfAsync(key));
    }

    [Fact]
    public async Task The_reference_follows_a_changed_serviceUrl()
    {
        var place = TeamsPlace.Personal();
        var update = ChannelActivities.InstallationUpdate("https://smba.trafficmanager.net/old/", _h.BotId, place, TeamsPerson.Bob, "add");
        var token = _h.Teams.ChannelToken(change: s => s with { ServiceUrl = "https://smba.trafficmanager.net/old/" });
        Assert.Equal(HttpStatusCode.OK, (await _h.SendAsync(update, token)).StatusCode);

        // A later message arrives from the stand-in's service URL; the stored reference moves with it.
        await _h.SendAsync(ChannelActivities.Message(_h.ServiceUrl, _h.BotId, place, TeamsPerson.Bob, "help", mentionBot: false));
        await _h.Teams.WaitForAsync(c => c.Count >= 1, TimeSpan.FromSeconds(10));

        var channel = (await _h.Channels.FindAsync(Channel.KeyOf(TeamsPlatform.Name, place.ConversationId)))!;
        Assert.Contains(_h.ServiceUrl, channel.Reference);
        Assert.IsType<PostOutcome.Posted>(await Surface.PostAsync(channel, Card("proactive"), CancellationToken.None));
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_the_post_succeeds()
    {
        var channel = await InstalledPersonalChatAsync();
        _h.Teams.FailNext(new ConnectorFault(429, TimeSpan.FromSeconds(1)));

        var outcome = await Surface.PostAsync(channel, Card("after a 429"), CancellationToken.None);

        Assert.IsType<PostOutcome.Posted>(outcome);
        var calls = _h.Teams.Calls;
        Assert.Equal([429, 201], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.95), $"retried after {calls[1].At - calls[0].At}");
    }

    [Fact]
    public async Task Faults_that_persist_come_back_as_transient_and_a_403_as_permanent()
    {
        var channel = await InstalledPersonalChatAsync();
        _h.Teams.FailNext(new ConnectorFault(502), new ConnectorFault(504), new ConnectorFault(412), new ConnectorFault(502));

        var transient = await Surface.PostAsync(channel, Card("x"), CancellationToken.None);

        Assert.IsType<PostOutcome.Transient>(transient);
        Assert.Equal(4, _h.Teams.Calls.Count);

        _h.Teams.FailNext(new ConnectorFault(403));
        Assert.IsType<PostOutcome.Permanent>(await Surface.PostAsync(channel, Card("y"), CancellationToken.None));
        Assert.Equal(5, _h.Teams.Calls.Count);
    }

    [Fact]
    public async Task A_burst_to_one_conversation_is_paced_not_rejected()
    {
        var channel = await InstalledPersonalChatAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => Surface.PostAsync(channel, Card($"alarm {i}"), CancellationToken.None)));

        Assert.All(outcomes, o => Assert.IsType<PostOutcome.Posted>(o));
        Assert.Equal(0, _h.Teams.RateLimited);
        Assert.Equal(12, _h.Teams.Calls.Count(c => c.Status == 201));
    }

    private async Task<Channel> InstalledPersonalChatAsync()
    {
        var place = TeamsPlace.Personal();
        await _h.SendAsync(ChannelActivities.InstallationUpdate(_h.ServiceUrl, _h.BotId, place, TeamsPerson.Bob, "add"));
        return (await _h.Channels.FindAsync(Channel.KeyOf(TeamsPlatform.Name, place.ConversationId)))!;
    }
}
