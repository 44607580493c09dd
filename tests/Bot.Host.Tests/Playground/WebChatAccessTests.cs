using System.Net;
using System.Net.Http.Json;
using Bot.Core.Storage;
using Bot.Host.Tests.Support;
using Bot.WebChat;

namespace Bot.Host.Tests.Playground;

/// <summary>
/// The playground is reachable only by the person who started it: the page's API wants this start's key, and a
/// request that came through a proxy is refused unless remote access is switched on.
/// </summary>
public sealed class WebChatAccessTests
{
    private static readonly object Say = new { user = new { id = "guest-x", name = "Mallory" }, locale = "en-US", text = "devices unmap aqm0611" };

    private static HttpClient Bare(BotTestHost bot, string? key = null, params (string Name, string Value)[] headers)
    {
        var client = new HttpClient { BaseAddress = bot.BaseAddress };
        if (key is not null) client.DefaultRequestHeaders.Add(WebChatKeyCheck.Header, key);
        foreach (var (name, value) in headers) client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        return client;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Without_this_starts_key_the_room_is_refused_and_nothing_changes(string? key)
    {
        await using var bot = await WebChatTests.StartPlaygroundAsync(new() { ["Playground:AlarmInterval"] = "1.00:00:00" });
        var room = bot.Get<WebRooms>().Page;
        var confirmation = (await new WebChatClient(bot.Client).SayAsync("/call aqm0523")).GetProperty("reply");
        var callId = WebChatClient.ActionId(confirmation, "call.confirm");
        var shown = room.Find(confirmation.GetProperty("id").GetString()!)!;
        using var stranger = Bare(bot, key);

        using var said = await stranger.PostAsJsonAsync("/web/messages", Say);
        using var clicked = await stranger.PostAsJsonAsync("/web/actions", new { user = new { id = "guest-x", name = "Mallory" }, verb = "call.confirm", id = callId });
        using var events = await stranger.GetAsync("/web/events", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Unauthorized, said.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, clicked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, events.StatusCode);
        // The room shows nothing of the stranger and the confirmation card stands (the simulated alarms may come and go).
        Assert.DoesNotContain(room.Messages, m => m.Author == "Mallory");
        Assert.Equal(shown, room.Find(shown.Id));
        // Nothing was confirmed: the pending call is still only in its card.
        Assert.Null(await bot.Get<ICallStore>().FindAsync(Bot.Core.Calls.CallToken.CallIdOf(callId)));
        Assert.NotNull(await bot.Get<Bot.Core.Calls.CallTokens>().ReadAsync(callId, default));
        Assert.Contains("web:playground", await bot.Get<IMappingStore>().ChannelsOfAsync("aqm0611"));
        // The page itself carries nothing of the room; it learns the key from its own address.
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("X-Forwarded-Host", "bot.example.com")]
    [InlineData("X-Forwarded-Proto", "https")]
    [InlineData("Forwarded", "for=203.0.113.7;proto=https")]
    public async Task Requests_through_a_proxy_are_refused_unless_remote_access_is_on(string header, string value)
    {
        await using (var bot = await WebChatTests.StartPlaygroundAsync(new() { ["Playground:AlarmInterval"] = "1.00:00:00" }))
        {
            using var proxied = Bare(bot, bot.WebChatKey, (header, value));
            Assert.Equal(HttpStatusCode.Forbidden, (await proxied.PostAsJsonAsync("/web/messages", Say)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await proxied.GetAsync("/")).StatusCode);
            Assert.DoesNotContain(bot.Get<WebRooms>().Page.Messages, m => m.Author == "Mallory");
            Assert.Contains("web:playground", await bot.Get<IMappingStore>().ChannelsOfAsync("aqm0611"));
        }

        await using (var remote = await WebChatTests.StartPlaygroundAsync(new() { ["Playground:AlarmInterval"] = "1.00:00:00", ["Playground:AllowRemote"] = "true" }))
        {
            using var proxied = Bare(remote, remote.WebChatKey, (header, value));
            Assert.Equal(HttpStatusCode.OK, (await proxied.PostAsJsonAsync("/web/messages", new { user = new { id = "guest-x", name = "Ann" }, locale = "en-US", text = "help" })).StatusCode);
            // Remote access still wants the key.
            using var keyless = Bare(remote, null, (header, value));
            Assert.Equal(HttpStatusCode.Unauthorized, (await keyless.PostAsJsonAsync("/web/messages", Say)).StatusCode);
        }
    }

    [Fact]
    public async Task Every_start_has_its_own_key()
    {
        string first;
        await using (var bot = await WebChatTests.StartPlaygroundAsync(new() { ["Playground:AlarmInterval"] = "1.00:00:00" })) first = bot.WebChatKey;
        await using var again = await WebChatTests.StartPlaygroundAsync(new() { ["Playground:AlarmInterval"] = "1.00:00:00" });
        Assert.NotEqual(first, again.WebChatKey);
        using var old = Bare(again, first);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.PostAsJsonAsync("/web/messages", Say)).StatusCode);
    }
}
