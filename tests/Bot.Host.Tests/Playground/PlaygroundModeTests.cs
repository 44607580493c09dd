using System.Net;
using Bot.Playground;
using Bot.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Bot.Core.Calls;
using Bot.Core.Integrations;
using Bot.Host.Startup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Playground;

public sealed class PlaygroundModeTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();

    [Fact]
    public void On_when_nothing_is_configured_or_when_asked()
    {
        Assert.True(PlaygroundOptions.IsOn(Config()));
        Assert.True(PlaygroundOptions.IsOn(Config(("Playground:Enabled", ""), ("Isdp:BaseUrl", ""))));
        Assert.True(PlaygroundOptions.IsOn(Config(("Playground:Enabled", "true"), ("Isdp:BaseUrl", "https://isdp.example.com"))));
    }

    [Theory]
    [InlineData("Isdp:BaseUrl", "https://isdp.example.com")]
    [InlineData("Slack:SigningSecret", "s3cret")]
    [InlineData("Teams:MicrosoftAppId", "00000000-0000-0000-0000-000000000001")]
    [InlineData("Tencent:AppKey", "key")]
    public void Off_when_an_integration_is_configured(string key, string value)
    {
        Assert.False(PlaygroundOptions.IsOn(Config((key, value))));
        Assert.False(PlaygroundOptions.IsOn(Config(("Playground:Enabled", "false"))));
    }

    /// <summary>Any single credential means a real deployment, even one that is only half set up (e.g. Slack before ISDP).</summary>
    [Theory]
    [InlineData("Isdp:ClientId", "id")]
    [InlineData("Isdp:ClientSecret", "secret")]
    [InlineData("Isdp:Password", "token")]
    [InlineData("Slack:BotToken", "xoxb-1")]
    [InlineData("Slack:AppToken", "xapp-1")]
    [InlineData("Teams:MicrosoftAppPassword", "secret")]
    [InlineData("Tencent:AppSecret", "secret")]
    [InlineData("Tencent:Password", "secret")]
    public void Off_when_any_credential_of_any_integration_is_set_unless_forced_on(string key, string value)
    {
        Assert.False(PlaygroundOptions.IsOn(Config((key, value))));
        Assert.False(PlaygroundOptions.IsOn(Config((key, value), ("Playground:Enabled", ""))));
        Assert.True(PlaygroundOptions.IsOn(Config((key, value), ("Playground:Enabled", "true"))));
    }

    [Fact]
    public async Task Socket_mode_credentials_alone_run_the_production_bot_without_simulation()
    {
        var folder = Directory.CreateTempSubdirectory("bot-test-").FullName;
        var app = await PlaygroundApp.CreateAsync([], new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage:LiteDb"] = $"Filename={Path.Combine(folder, "bot.db")}",
            ["Isdp:ClientId"] = "id",
            ["Slack:AppToken"] = "xapp-1",
            ["Slack:BotToken"] = "xoxb-1",
        });
        await using var _ = app;
        Assert.Null(app.Services.GetService<PlaygroundStandIns>());
        Assert.False(app.Services.GetRequiredService<Simulation>().IsOn);
        Assert.IsType<UnconfiguredIsdp>(app.Services.GetRequiredService<IInviteSender>());
    }

    [Fact]
    public async Task Without_the_playground_there_is_no_web_chat()
    {
        await using var bot = await BotTestHost.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await bot.Client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bot.Client.PostAsync("/web/messages", null)).StatusCode);
    }

    [Fact]
    public async Task The_playground_tells_where_to_open_the_page()
    {
        await using var bot = await WebChatTests.StartPlaygroundAsync();
        var urls = PlaygroundStartup.PageUrls(bot.Get<IServer>(), bot.WebChatKey).ToList();
        Assert.Equal([bot.BaseAddress + "#key=" + bot.WebChatKey], urls);
        Assert.Equal(HttpStatusCode.OK, (await new HttpClient().GetAsync(urls[0])).StatusCode);
        // The key in the printed address is this start's: at least 128 random bits.
        Assert.True(Convert.FromBase64String(bot.WebChatKey.Replace('-', '+').Replace('_', '/') + "=").Length * 8 >= 128);
    }
}
