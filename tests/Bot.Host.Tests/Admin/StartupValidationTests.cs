using Bot.Host.Tests.Support;
using Microsoft.Extensions.Options;

namespace Bot.Host.Tests.Admin;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Bot:TimeZone", "Mars/Olympus_Mons", "Bot:TimeZone")]
    [InlineData("Bot:DefaultLocale", "fr-FR", "Bot:DefaultLocale")]
    [InlineData("Bot:CallConfirmWindow", "00:00:01", "Bot:CallConfirmWindow")]
    public async Task A_bad_setting_stops_start_up_naming_it(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotTestHost.StartAsync(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task A_half_configured_isdp_stops_start_up_naming_what_is_missing()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Isdp:BaseUrl"] = "https://isdp.example.com",
            ["Isdp:ClientId"] = "isdp-x-openapi",
        }));
        Assert.Contains("Isdp:ClientSecret", error.Message);
        Assert.Contains("Isdp:Password", error.Message);
        Assert.DoesNotContain("isdp-x-openapi", error.Message);   // values, possibly secret, are never echoed
    }

    [Fact]
    public async Task With_nothing_configured_the_bot_starts_and_calls_fail_saying_why()
    {
        await using var bot = await BotTestHost.StartAsync();
        var outcome = await bot.Get<Bot.Core.Calls.IInviteSender>().SendInviteAsync(new("a", "a--1", "1@x", null), default);
        Assert.IsType<Bot.Core.Calls.InviteOutcome.NotConfigured>(outcome);
        // What the caller reads for it names the missing setting, in both languages.
        Assert.Contains("Isdp:BaseUrl", Bot.Core.Text.Texts.English[Bot.Core.Text.TextId.FailedIsdpNotConfigured]);
        Assert.Contains("Isdp:BaseUrl", Bot.Core.Text.Texts.Chinese[Bot.Core.Text.TextId.FailedIsdpNotConfigured]);
    }
}
