using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Host.Startup;
using Bot.StandIns.Teams;
using Microsoft.Extensions.Time.Testing;
using Bot.Teams;

namespace Bot.Host.Tests.Teams;

public sealed class TeamsExpiryTests
{
    [Fact]
    public async Task An_unconfirmed_call_expires_and_its_card_in_Teams_says_so()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await TeamsHarness.StartAsync(time: time);
        var place = TeamsPlace.Channel();
        await h.Bot.AddDeviceAsync("aqm0523", "aqm0523--1", "759646@saasgroupchat.example.test", null, Channel.KeyOf(TeamsPlatform.Name, place.ConversationId));

        await h.SendAsync(ChannelActivities.Message(h.ServiceUrl, h.BotId, place, TeamsPerson.Bob, "call aqm0523"));
        var posted = (await h.Teams.WaitForAsync(c => c.Any(x => x.Status == 201), TimeSpan.FromSeconds(10))).Single();
        Assert.Contains(CardVerbs.CallConfirm, posted.Card!.ToJsonString());

        await h.FollowUpsDoneAsync();
        time.Advance(TimeSpan.FromMinutes(5) + CallExpirySweeper.Period);

        var edit = (await h.Teams.WaitForAsync(c => c.Any(x => x.Operation == "update"), TimeSpan.FromSeconds(15))).Single(x => x.Operation == "update");
        Assert.Equal(posted.ActivityId, edit.ActivityId);
        Assert.Equal(place.ConversationId, edit.ConversationId);
        Assert.Contains("expired", edit.Card!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(CardVerbs.CallConfirm, edit.Card!.ToJsonString());
        Assert.Empty(h.Isdp.ReceivedInvites);
    }
}
