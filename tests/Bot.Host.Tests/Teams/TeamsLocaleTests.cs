using Bot.Teams;
using System.Net;
using Bot.Core.Channels;
using Bot.Core.Text;
using Bot.StandIns.Teams;

namespace Bot.Host.Tests.Teams;

/// <summary>The card's language follows the activity's <c>locale</c>; a locale the bot has no texts for falls back to <c>Bot:DefaultLocale</c>.</summary>
public sealed class TeamsLocaleTests
{
    private static readonly TeamsPlace Place = TeamsPlace.Channel();

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task A_chinese_activity_gets_a_chinese_card_and_an_unknown_locale_gets_the_configured_default(string defaultLocale)
    {
        await using var h = await TeamsHarness.StartAsync(s => s["Bot:DefaultLocale"] = defaultLocale);
        await h.Bot.AddDeviceAsync("aqm0523", "aqm0523--1", "759646@saasgroupchat.example.test", "Pump room 1",
            Channel.KeyOf(TeamsPlatform.Name, Place.ConversationId));
        var title = TextCatalog.Entries[TextId.ConfirmTitle];

        var chinese = await CardAsync(h, "zh-CN", 1);
        var english = await CardAsync(h, "en-US", 2);
        var french = await CardAsync(h, "fr-FR", 3);

        Assert.Contains(string.Format(title.Zh, "Pump room 1 (aqm0523)"), chinese, StringComparison.Ordinal);
        Assert.Contains(string.Format(title.En, "Pump room 1 (aqm0523)"), english, StringComparison.Ordinal);
        Assert.Contains(string.Format(defaultLocale == "zh-CN" ? title.Zh : title.En, "Pump room 1 (aqm0523)"), french, StringComparison.Ordinal);
    }

    /// <summary>"@Bot call aqm0523" from Bob with <paramref name="locale"/>; the <paramref name="nth"/> card posted, as JSON text.</summary>
    private static async Task<string> CardAsync(TeamsHarness h, string locale, int nth)
    {
        var message = ChannelActivities.Message(h.ServiceUrl, h.BotId, Place, TeamsPerson.Bob, "call aqm0523", locale: locale);
        Assert.Equal(HttpStatusCode.OK, (await h.SendAsync(message)).StatusCode);
        var posted = await h.Teams.WaitForAsync(c => c.Count(x => x.Status == 201) >= nth, TimeSpan.FromSeconds(20));
        return posted.Where(x => x.Status == 201).ElementAt(nth - 1).Card!.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }
}
