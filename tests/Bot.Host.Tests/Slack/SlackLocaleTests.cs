using Bot.Core.Text;
using Bot.StandIns.Slack;
using static Bot.Host.Tests.Slack.SlackHarness;

namespace Bot.Host.Tests.Slack;

/// <summary>The card's language follows the person's Slack locale; a locale the bot has no texts for falls back to <c>Bot:DefaultLocale</c>.</summary>
public sealed class SlackLocaleTests
{
    private static readonly SlackPersonInChannel Dupont = new("U0DUPONT", "dupont", "C0OPS", "ops");

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task A_chinese_user_gets_chinese_cards_and_an_unknown_locale_gets_the_configured_default(string defaultLocale)
    {
        await using var h = await StartAsync(
            slackSettings: new SlackStandInSettings
            {
                Users = new Dictionary<string, (string, string)>
                {
                    [Wang.UserId] = ("王五", "zh-CN"),
                    [Zhang.UserId] = ("张三", "en-US"),
                    [Dupont.UserId] = ("dupont", "fr-FR"),
                },
            },
            extra: new Dictionary<string, string?> { ["Bot:DefaultLocale"] = defaultLocale });
        var title = TextCatalog.Entries[TextId.ConfirmTitle];

        var (chinese, _) = await h.CommandAsync(Wang, "/call", "aqm0523");
        var (english, _) = await h.CommandAsync(Zhang, "/call", "aqm0523");
        var (french, _) = await h.CommandAsync(Dupont, "/call", "aqm0523");

        Assert.Equal(string.Format(title.Zh, "泵房 (aqm0523)"), Header(chinese));
        Assert.Equal(string.Format(title.En, "泵房 (aqm0523)"), Header(english));
        Assert.Equal(string.Format(defaultLocale == "zh-CN" ? title.Zh : title.En, "泵房 (aqm0523)"), Header(french));
        Assert.Equal(3, h.Slack.CallsOf("users.info").Count);   // each person's locale came from Slack
    }
}
