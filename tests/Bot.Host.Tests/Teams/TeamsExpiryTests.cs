using System.Net;
using System.Text.Json.Nodes;
using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.StandIns.Teams;
using Microsoft.Extensions.Time.Testing;
using Bot.Teams;

namespace Bot.Host.Tests.Teams;

/// <summary>
/// A confirmation card's call lives in the card until clicked, so nothing edits an unclicked card when its window
/// passes: the click after the window answers (and shows) the expired card instead.
/// </summary>
public sealed class TeamsExpiryTests
{
    [Fact]
    public async Task A_call_clicked_after_its_window_answers_the_expired_card_and_sends_nothing()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await TeamsHarness.StartAsync(time: time);
        var place = TeamsPlace.Channel();
        await h.Bot.AddDeviceAsync("aqm0523", "aqm0523--1", "759646@saasgroupchat.example.test", null, Channel.KeyOf(TeamsPlatform.Name, place.ConversationId));

        await h.SendAsync(ChannelActivities.Message(h.ServiceUrl, h.BotId, place, TeamsPerson.Bob, "call aqm0523"));
        var posted = (await h.Teams.WaitForAsync(c => c.Any(x => x.Status == 201), TimeSpan.FromSeconds(10))).Single();
        var confirm = JsonNode.Parse(posted.Card!.ToJsonString())!["actions"]!.AsArray().Single(a => a!["verb"]?.GetValue<string>() == CardVerbs.CallConfirm)!;
        var token = confirm["data"]!["id"]!.GetValue<string>();

        await h.FollowUpsDoneAsync();
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var answer = await h.SendAsync(ChannelActivities.Execute(h.ServiceUrl, h.BotId, place, TeamsPerson.Bob, posted.ActivityId!, CardVerbs.CallConfirm, token));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var card = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["value"]!.ToJsonString();
        Assert.Contains("expired", card, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(CardVerbs.CallConfirm, card);
        await h.FollowUpsDoneAsync();
        Assert.Empty(h.Isdp.ReceivedInvites);
        Assert.Equal(CallState.Expired, (await h.Bot.Get<ICallStore>().FindAsync(CallToken.CallIdOf(token)))!.State);
        Assert.Contains(await h.Bot.Get<ICallStore>().AuditLogAsync(10), a => a.CallId == CallToken.CallIdOf(token) && a.Event == CallEvents.Expired);
    }
}
