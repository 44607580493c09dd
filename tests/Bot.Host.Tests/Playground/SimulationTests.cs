using System.Net.Http.Json;
using System.Text.Json;
using Bot.Core.Cards;
using Bot.Core.Text;
using Bot.Host.Tests.Support;
using Bot.Isdp;
using Bot.TencentIot;

namespace Bot.Host.Tests.Playground;

/// <summary>While the playground runs, nothing simulated passes for the real thing: every call outcome and <c>/readyz</c> say so.</summary>
public sealed class SimulationTests : IAsyncLifetime
{
    private BotTestHost _bot = null!;

    public async Task InitializeAsync() => _bot = await WebChatTests.StartPlaygroundAsync(new() { ["Playground:AlarmInterval"] = "1.00:00:00" });

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task Every_call_outcome_says_it_is_simulated(string locale)
    {
        var ann = new WebChatClient(_bot.Client, locale: locale);
        var t = Texts.For(locale, "zh-CN");

        var confirmation = (await ann.SayAsync("/call aqm0523")).GetProperty("reply");
        var sent = await ann.ClickAsync(CardVerbs.CallConfirm, WebChatClient.ActionId(confirmation, CardVerbs.CallConfirm), confirmation.GetProperty("id").GetString());
        Assert.Contains(t[TextId.CallSimulated], sent.GetProperty("updated").GetProperty("text").GetString());

        var another = (await ann.SayAsync("/call aqm0523")).GetProperty("reply");
        var cancelled = await ann.ClickAsync(CardVerbs.CallCancel, WebChatClient.ActionId(another, CardVerbs.CallCancel), another.GetProperty("id").GetString());
        Assert.Contains(t[TextId.CallSimulated], cancelled.GetProperty("updated").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Readyz_says_playground_to_anyone_and_marks_the_simulated_integrations_for_the_admin()
    {
        // Read whatever the status code (the mode is said while unavailable too).
        var anyone = await ReadAsync(_bot.Client);
        Assert.Equal("playground", anyone.GetProperty("mode").GetString());
        Assert.Equal(["status", "mode"], anyone.EnumerateObject().Select(p => p.Name));

        var admin = await ReadAsync(_bot.Admin);
        Assert.Equal("playground", admin.GetProperty("mode").GetString());
        var simulated = admin.GetProperty("integrations").EnumerateArray()
            .ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("simulated").GetBoolean());
        Assert.True(simulated[IsdpHealth.Name]);
        Assert.True(simulated[TencentHealth.Name]);
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/readyz");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
