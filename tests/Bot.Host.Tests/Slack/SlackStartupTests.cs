using Bot.Host.Tests.Support;
using Microsoft.Extensions.Options;

namespace Bot.Host.Tests.Slack;

public sealed class SlackStartupTests
{
    [Theory]
    [InlineData("Slack:BotToken", "xoxp-a-user-token", "Slack:BotToken")]
    [InlineData("Slack:AppToken", "xoxb-not-an-app-token", "Slack:AppToken")]
    [InlineData("Slack:Admins:0", "U1 or U2", "Slack:Admins")]
    public async Task Bad_slack_settings_stop_the_start_naming_the_setting(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "secret",
            [key] = value,
        }));
        Assert.Contains(error.Failures, f => f.StartsWith(named, StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.Contains("xoxp-a-user-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_slack_settings_the_bot_runs_and_the_endpoints_do_not_exist()
    {
        await using var bot = await BotTestHost.StartAsync();
        using var response = await bot.Client.PostAsync("/slack/commands", new StringContent("command=/call"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(bot.Services.GetService(typeof(Bot.Slack.SlackRequestHandler)));
    }
}
