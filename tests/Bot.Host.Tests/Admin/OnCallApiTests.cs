using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bot.Core.OnCall;
using Bot.Core.Storage;
using Bot.Host.Tests.Support;

namespace Bot.Host.Tests.Admin;

public sealed class OnCallApiTests : IAsyncLifetime
{
    private BotTestHost _bot = null!;

    public async Task InitializeAsync() => _bot = await BotTestHost.StartAsync();

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private Task<HttpResponseMessage> PutAsync(string path, string body, string? key = BotTestHost.AdminKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return _bot.Client.SendAsync(request);
    }

    [Fact]
    public async Task Admins_set_and_list_a_channels_on_call_people()
    {
        var put = await PutAsync("/admin/channels/slack:C1/oncall", """[{"id":"U0BOB","name":"Bob"},{"id":"U0ANN","name":""}]""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal([new OnCallPerson("U0BOB", "Bob"), new OnCallPerson("U0ANN", "U0ANN")], await _bot.Get<IOnCallStore>().OnCallAsync("slack:C1"));

        var get = new HttpRequestMessage(HttpMethod.Get, "/admin/channels/slack:C1/oncall") { Headers = { { "X-Api-Key", BotTestHost.AdminKey } } };
        var listed = await (await _bot.Client.SendAsync(get)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["U0BOB", "U0ANN"], listed.EnumerateArray().Select(p => p.GetProperty("id").GetString()));

        Assert.Equal(HttpStatusCode.OK, (await PutAsync("/admin/channels/slack:C1/oncall", "[]")).StatusCode);
        Assert.Empty(await _bot.Get<IOnCallStore>().OnCallAsync("slack:C1"));
    }

    [Fact]
    public async Task Without_the_key_or_with_a_bad_body_nothing_changes()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await PutAsync("/admin/channels/slack:C1/oncall", """[{"id":"U1","name":"a"}]""", key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync("/admin/channels/slack:C1/oncall", """[{"id":"","name":"a"}]""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync("/admin/channels/irc:x/oncall", """[{"id":"U1","name":"a"}]""")).StatusCode);
        Assert.Empty(await _bot.Get<IOnCallStore>().OnCallAsync("slack:C1"));
    }
}
