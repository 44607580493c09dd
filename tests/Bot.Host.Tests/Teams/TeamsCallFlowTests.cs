using System.Net;
using System.Text.Json.Nodes;
using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.StandIns;
using Bot.StandIns.Teams;
using Bot.Teams;

namespace Bot.Host.Tests.Teams;

/// <summary>From "@Bot call aqm0523" to one ISDP invite and the card showing the outcome to everyone.</summary>
public sealed class TeamsCallFlowTests : IAsyncLifetime
{
    private static readonly TeamsPlace Place = TeamsPlace.Channel();
    private TeamsHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await TeamsHarness.StartAsync();
        await _h.Bot.AddDeviceAsync("aqm0523", "aqm0523--1", "759646@saasgroupchat.example.test", "Pump room 1",
            Channel.KeyOf(TeamsPlatform.Name, Place.ConversationId));
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Mention_call_confirm_sends_exactly_one_invite_and_edits_the_card()
    {
        // 1. "@Bot call aqm0523" in a channel thread → a confirmation card as a reply.
        var message = ChannelActivities.Message(_h.ServiceUrl, _h.BotId, Place, TeamsPerson.Bob, "call aqm0523");
        Assert.Equal(HttpStatusCode.OK, (await _h.SendAsync(message)).StatusCode);
        var posted = (await _h.Teams.WaitForAsync(c => c.Any(x => x.Status == 201), TimeSpan.FromSeconds(10))).Single();
        Assert.Equal("reply", posted.Operation);
        Assert.Equal(message["id"]!.GetValue<string>(), posted.ReplyToId);
        var confirm = Actions(posted.Card).Single(a => a["verb"]?.GetValue<string>() == CardVerbs.CallConfirm);
        Assert.Equal("Action.Execute", confirm["type"]!.GetValue<string>());
        var callId = confirm["data"]!["id"]!.GetValue<string>();
        var cardMessageId = posted.ActivityId!;

        // Nothing is stored for the card: its call travels in its buttons until clicked.
        await _h.FollowUpsDoneAsync();
        Assert.Null(await _h.Bot.Get<ICallStore>().FindAsync(CallToken.CallIdOf(callId)));

        // 2. Bob clicks Call (Action.Execute → adaptiveCard/action invoke).
        var click = ChannelActivities.Execute(_h.ServiceUrl, _h.BotId, Place, TeamsPerson.Bob, cardMessageId, CardVerbs.CallConfirm, callId);
        var answer = await _h.SendAsync(click);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var invokeResponse = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.Equal(200, invokeResponse["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", invokeResponse["type"]!.GetValue<string>());
        Assert.Contains("Invite sent", invokeResponse["value"]!.ToJsonString());

        var invite = Assert.Single(await _h.Isdp.WaitForInvitesAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal("aqm0523--1", invite.IsdpDeviceId);

        // 3. The message itself is edited, so the whole channel sees the outcome.
        var edits = await _h.Teams.WaitForAsync(c => c.Any(x => x.Operation == "update" && x.Status == 200), TimeSpan.FromSeconds(10));
        var edit = edits.Single(x => x.Operation == "update");
        Assert.Equal(cardMessageId, edit.ActivityId);
        Assert.Equal(Place.ConversationId, edit.ConversationId);
        Assert.Contains("Invite sent", edit.Card!.ToJsonString());

        // 4. A second click is answered with the same outcome and sends nothing more.
        var again = JsonNode.Parse(await (await _h.SendAsync(ChannelActivities.Execute(_h.ServiceUrl, _h.BotId, Place, TeamsPerson.Bob, cardMessageId, CardVerbs.CallConfirm, callId))).Content.ReadAsStringAsync())!;
        Assert.Contains("Invite sent", again["value"]!.ToJsonString());
        await _h.FollowUpsDoneAsync();
        Assert.Single(_h.Isdp.ReceivedInvites);
        Assert.Equal(CallState.Sent, (await _h.Bot.Get<ICallStore>().FindAsync(CallToken.CallIdOf(callId)))!.State);
    }

    [Fact]
    public async Task A_slow_invite_is_answered_with_a_calling_card_and_the_outcome_edits_the_message_later()
    {
        await _h.SendAsync(ChannelActivities.Message(_h.ServiceUrl, _h.BotId, Place, TeamsPerson.Bob, "call aqm0523"));
        var posted = (await _h.Teams.WaitForAsync(c => c.Any(x => x.Status == 201), TimeSpan.FromSeconds(10))).Single();
        var callId = Actions(posted.Card).First(a => a["verb"]?.GetValue<string>() == CardVerbs.CallConfirm)["data"]!["id"]!.GetValue<string>();
        _h.Isdp.FailNext(new IsdpFault.Slow(TimeSpan.FromSeconds(4)));

        var answer = JsonNode.Parse(await (await _h.SendAsync(
            ChannelActivities.Execute(_h.ServiceUrl, _h.BotId, Place, TeamsPerson.Bob, posted.ActivityId!, CardVerbs.CallConfirm, callId))).Content.ReadAsStringAsync())!;

        // Answered before ISDP did: the card says the call is under way.
        Assert.Equal("application/vnd.microsoft.card.adaptive", answer["type"]!.GetValue<string>());
        Assert.Contains("Calling", answer["value"]!.ToJsonString());
        Assert.DoesNotContain("Invite sent", answer["value"]!.ToJsonString());

        var edits = (await _h.Teams.WaitForAsync(c => c.Count(x => x.Operation == "update") >= 2, TimeSpan.FromSeconds(20)))
            .Where(x => x.Operation == "update").ToList();
        Assert.All(edits, e => Assert.Equal(posted.ActivityId, e.ActivityId));
        Assert.Contains("Calling", edits[0].Card!.ToJsonString());
        Assert.Contains("Invite sent", edits[1].Card!.ToJsonString());
        Assert.Single(_h.Isdp.ReceivedInvites);
    }

    [Fact]
    public async Task Someone_else_clicking_gets_a_private_note_and_no_invite_goes()
    {
        await _h.SendAsync(ChannelActivities.Message(_h.ServiceUrl, _h.BotId, Place, TeamsPerson.Bob, "call aqm0523"));
        var posted = (await _h.Teams.WaitForAsync(c => c.Any(x => x.Status == 201), TimeSpan.FromSeconds(10))).Single();
        var callId = Actions(posted.Card).First(a => a["verb"]?.GetValue<string>() == CardVerbs.CallConfirm)["data"]!["id"]!.GetValue<string>();

        var answer = JsonNode.Parse(await (await _h.SendAsync(
            ChannelActivities.Execute(_h.ServiceUrl, _h.BotId, Place, TeamsPerson.Alice, posted.ActivityId!, CardVerbs.CallConfirm, callId))).Content.ReadAsStringAsync())!;

        Assert.Equal("application/vnd.microsoft.activity.message", answer["type"]!.GetValue<string>());
        Assert.Contains(TeamsPerson.Bob.Name, answer["value"]!.GetValue<string>());
        await _h.FollowUpsDoneAsync();
        Assert.Empty(_h.Isdp.ReceivedInvites);
        Assert.DoesNotContain(_h.Teams.Calls, c => c.Operation == "update");
    }

    [Fact]
    public async Task Personal_chat_needs_no_mention_and_a_legacy_submit_click_works_too()
    {
        var personal = TeamsPlace.Personal();
        await _h.Bot.AddDeviceAsync("aqm0523", "aqm0523--1", "759646@saasgroupchat.example.test", "Pump room 1",
            Channel.KeyOf(TeamsPlatform.Name, personal.ConversationId));
        await _h.SendAsync(ChannelActivities.Message(_h.ServiceUrl, _h.BotId, personal, TeamsPerson.Bob, "call aqm0523", mentionBot: false));
        var posted = (await _h.Teams.WaitForAsync(c => c.Any(x => x.Status == 201), TimeSpan.FromSeconds(10))).Single();
        var callId = Actions(posted.Card).First(a => a["verb"]?.GetValue<string>() == CardVerbs.CallConfirm)["data"]!["id"]!.GetValue<string>();

        var response = await _h.SendAsync(ChannelActivities.Submit(_h.ServiceUrl, _h.BotId, personal, TeamsPerson.Bob, posted.ActivityId!, CardVerbs.CallConfirm, callId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await _h.Isdp.WaitForInvitesAsync(1, TimeSpan.FromSeconds(10)));
        var edit = (await _h.Teams.WaitForAsync(c => c.Any(x => x.Operation == "update"), TimeSpan.FromSeconds(10))).Single(x => x.Operation == "update");
        Assert.Equal(posted.ActivityId, edit.ActivityId);
        Assert.Contains("Invite sent", edit.Card!.ToJsonString());
    }

    [Fact]
    public async Task Devices_map_is_for_admins_listed_by_aad_object_id()
    {
        var place = TeamsPlace.Channel("19:othercHannel0001@thread.tacv2");
        await _h.SendAsync(ChannelActivities.Message(_h.ServiceUrl, _h.BotId, place, TeamsPerson.Bob, "devices map aqm0523"));
        await _h.Teams.WaitForAsync(c => c.Any(x => x.Status == 201), TimeSpan.FromSeconds(10));
        await _h.SendAsync(ChannelActivities.Message(_h.ServiceUrl, _h.BotId, place, TeamsPerson.Alice, "devices map aqm0523"));
        var replies = await _h.Teams.WaitForAsync(c => c.Count(x => x.Status == 201) >= 2, TimeSpan.FromSeconds(10));

        Assert.Contains("admin", replies[0].Card!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var mapped = await _h.Bot.Get<IMappingStore>().DevicesOfAsync(Channel.KeyOf(TeamsPlatform.Name, place.ConversationId));
        Assert.Equal(["aqm0523"], mapped);
    }

    private static IEnumerable<JsonNode> Actions(JsonNode? card) =>
        card?["actions"]?.AsArray().OfType<JsonNode>() ?? throw new Xunit.Sdk.XunitException("card has no actions: " + card?.ToJsonString());
}
