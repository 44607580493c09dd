using System.Net;
using System.Text.Json.Nodes;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Host.Tests.Teams;
using Bot.StandIns.Teams;
using Bot.WebChat;
using Bot.Teams;

namespace Bot.Host.Tests.Playground;

/// <summary>
/// The card the web page renders is the card Teams receives: every card the bot makes, posted through the real
/// Teams surface to the Teams stand-in and through the web surface into the room, arrives as the same JSON.
/// </summary>
public sealed class SameCardOnEverySurfaceTests
{
    [Fact]
    public async Task Teams_and_the_web_chat_receive_identical_card_json()
    {
        await using var h = await TeamsHarness.StartAsync(s => s["Playground:Enabled"] = "true");
        var place = TeamsPlace.Channel();
        Assert.Equal(HttpStatusCode.OK, (await h.SendAsync(ChannelActivities.ConversationUpdate(h.ServiceUrl, h.BotId, place, TeamsPerson.Alice))).StatusCode);
        var teamsChannel = (await h.Channels.FindAsync(Channel.KeyOf(TeamsPlatform.Name, place.ConversationId)))!;
        var webChannel = new Channel { Platform = WebChatPlatform.Name, ExternalId = "playground" };
        var surfaces = h.Bot.Get<ChatSurfaces>();
        // English only: the Chinese twins have the same shape, and Teams paces posts per conversation.
        var cards = CardRendererTests.EveryCard().Where(c => c.Name.EndsWith("/en", StringComparison.Ordinal)).ToList();

        foreach (var (name, card) in cards)
        {
            var reply = new BotReply(card, name);
            Assert.IsType<PostOutcome.Posted>(await surfaces.For(TeamsPlatform.Name)!.PostAsync(teamsChannel, reply, CancellationToken.None));
            var web = Assert.IsType<PostOutcome.Posted>(await surfaces.For(WebChatPlatform.Name)!.PostAsync(webChannel, reply, CancellationToken.None));

            var teamsJson = h.Teams.Calls[^1].Card;
            var webJson = JsonNode.Parse(h.Bot.Get<WebRooms>().Page.Find(web.MessageRef)!.CardJson!);
            Assert.True(JsonNode.DeepEquals(teamsJson, webJson), $"{name}: Teams got {teamsJson?.ToJsonString()}, the web chat {webJson?.ToJsonString()}");
        }
        Assert.Equal(cards.Count, h.Teams.Calls.Count);
    }
}
