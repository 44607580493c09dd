namespace Bot.Slack.Tests;

public sealed class SlackOptionsTests
{
    private static IReadOnlyList<string> Problems(SlackOptions options) =>
        new SlackOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Nothing_set_means_slack_is_off_and_valid()
    {
        var options = new SlackOptions { ApiBaseUrl = "not a url" };
        Assert.False(options.Enabled);
        Assert.Empty(Problems(options));
    }

    [Fact]
    public void Each_credential_switches_on_its_part()
    {
        Assert.True(new SlackOptions { SigningSecret = "s" }.HttpEnabled);
        Assert.True(new SlackOptions { BotToken = "xoxb-1" }.PostingEnabled);
        Assert.True(new SlackOptions { AppToken = "xapp-1" }.SocketModeEnabled);
        Assert.False(new SlackOptions { BotToken = "xoxb-1" }.HttpEnabled);
    }

    [Fact]
    public void Bad_settings_are_named_and_secrets_are_not_echoed()
    {
        var problems = Problems(new SlackOptions { SigningSecret = "s", BotToken = "xoxp-user-secret", AppToken = "xoxb-wrong-secret", ApiBaseUrl = "ftp://x", Admins = ["U1", "not an id"] });
        Assert.Contains(problems, p => p.StartsWith("Slack:BotToken", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Slack:AppToken", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Slack:ApiBaseUrl", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Slack:Admins", StringComparison.Ordinal) && p.Contains("not an id", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Admins_are_matched_exactly()
    {
        var options = new SlackOptions { Admins = ["U0ADMIN"] };
        Assert.True(options.IsAdmin("U0ADMIN"));
        Assert.False(options.IsAdmin("u0admin"));
        Assert.False(options.IsAdmin("U0ADMIN2"));
    }

    [Fact]
    public void The_api_base_always_ends_with_a_slash()
    {
        Assert.Equal("https://slack.com/api/chat.postMessage", new Uri(new SlackOptions().ApiBase, "chat.postMessage").ToString());
        Assert.Equal("http://127.0.0.1:5/api/chat.update", new Uri(new SlackOptions { ApiBaseUrl = "http://127.0.0.1:5/api" }.ApiBase, "chat.update").ToString());
    }
}
