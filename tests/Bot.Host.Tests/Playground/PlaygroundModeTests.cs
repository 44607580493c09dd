using System.Net;
using Bot.Playground;
using Bot.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;

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
        var urls = PlaygroundStartup.PageUrls(bot.Get<IServer>()).ToList();
        Assert.Equal([bot.BaseAddress.ToString()], urls);
        Assert.Equal(HttpStatusCode.OK, (await new HttpClient().GetAsync(urls[0])).StatusCode);
    }
}
