using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bot.Core.Storage;
using Bot.Host.Tests.Support;

namespace Bot.Host.Tests.Admin;

public sealed class AdminApiTests : IAsyncLifetime
{
    private BotTestHost _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotTestHost.StartAsync();
        await _bot.AddDeviceAsync("aqm0523", "aqm0523--1", "759646@example.com", "泵房", "slack:C1");
    }

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private async Task<string> StateAsync() =>
        JsonSerializer.Serialize(new
        {
            devices = await _bot.Get<IDeviceStore>().AllAsync(),
            mappings = await _bot.Get<IMappingStore>().AllAsync(),
            callers = await _bot.Get<ICallerStore>().AllAsync(),
        });

    public static TheoryData<string, string, string?> Writes => new()
    {
        { "PUT", "/admin/devices/new1", """{"isdpDeviceId":"n--1","chatJid":"1@x"}""" },
        { "DELETE", "/admin/devices/aqm0523", null },
        { "POST", "/admin/mappings", """{"channel":"slack:C2","device":"aqm0523"}""" },
        { "DELETE", "/admin/mappings?channel=slack:C1&device=aqm0523", null },
        { "PUT", "/admin/callers/slack/U1", """{"userId":1,"userName":"a","userNo":"b","tenantId":2}""" },
    };

    private static HttpRequestMessage Request(string method, string path, string? body, string? key)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return request;
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_missing_or_wrong_key_is_refused_and_changes_nothing(string method, string path, string? body)
    {
        var before = await StateAsync();
        foreach (var key in new[] { null, "", "wrong", BotTestHost.AdminKey + "x", BotTestHost.AdminKey.ToUpperInvariant() })
        {
            var response = await _bot.Client.SendAsync(Request(method, path, body, key));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Reads_need_the_key_too() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await _bot.Client.GetAsync("/admin/devices")).StatusCode);

    public static TheoryData<string, string, string, string> BadInput => new()
    {
        { "PUT", "/admin/devices/x1", """{"isdpDeviceId":"","chatJid":"1@x"}""", "isdpDeviceId" },
        { "PUT", "/admin/devices/x1", """{"isdpDeviceId":"x--1","chatJid":"not-a-jid"}""", "chatJid" },
        { "PUT", "/admin/devices/x1", """{"isdpDeviceId":"x--1"}""", "chatJid" },
        { "PUT", "/admin/devices/x1", """{"isdpDeviceId":5,"chatJid":"1@x"}""", "isdpDeviceId" },
        { "PUT", "/admin/devices/x1", """{"deviceId":"other","isdpDeviceId":"x--1","chatJid":"1@x"}""", "deviceId" },
        { "PUT", "/admin/devices/x1", """{"isdpDeviceId":"x--1","chatJid":"1@x","tencent":{"productId":"P"}}""", "tencent.deviceName" },
        { "PUT", "/admin/devices/x1", """{"isdpDeviceId":"x--1",""", "body" },
        { "PUT", "/admin/devices/x1", """[1,2,3]""", "body" },
        { "POST", "/admin/mappings", """{"channel":"slack:C1","device":"ghost"}""", "device" },
        { "POST", "/admin/mappings", """{"channel":"irc:#ops","device":"aqm0523"}""", "channel" },
        { "POST", "/admin/mappings", """{"channel":"","device":"aqm0523"}""", "channel" },
        { "POST", "/admin/mappings", """{"channel":"slack:C1"}""", "device" },
        { "PUT", "/admin/callers/slack/U1", """{"userId":"x","userName":"a","userNo":"b","tenantId":2}""", "userId" },
        { "PUT", "/admin/callers/irc/U1", """{"userId":1,"userName":"a","userNo":"b","tenantId":2}""", "platform" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_a_400_naming_the_field_and_changes_nothing(string method, string path, string body, string field)
    {
        var before = await StateAsync();

        var response = await _bot.Client.SendAsync(Request(method, path, body, BotTestHost.AdminKey));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_as_unsupported()
    {
        var response = await _bot.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/admin/devices/x1")
        {
            Content = new StringContent("isdpDeviceId=x", Encoding.UTF8, "application/x-www-form-urlencoded"),
            Headers = { { "X-Api-Key", BotTestHost.AdminKey } },
        });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Null(await _bot.Get<IDeviceStore>().FindAsync("x1"));
    }

    [Fact]
    public async Task Devices_and_mappings_can_be_listed_changed_and_removed()
    {
        var put = await _bot.Admin.PutAsJsonAsync("/admin/devices/BXK1000", new { isdpDeviceId = "bxk1000--1", chatJid = "1000@example.com", alias = "仓库 <2>" });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var changed = await _bot.Admin.PutAsJsonAsync("/admin/devices/bxk1000", new { isdpDeviceId = "bxk1000--2", chatJid = "1000@example.com" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("bxk1000--2", (await _bot.Get<IDeviceStore>().FindAsync("bxk1000"))!.IsdpDeviceId);

        Assert.Equal(HttpStatusCode.Created, (await _bot.Admin.PostAsJsonAsync("/admin/mappings", new { channel = "teams:19:abc@thread.tacv2", device = "bxk1000" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _bot.Admin.PostAsJsonAsync("/admin/mappings", new { channel = "teams:19:abc@thread.tacv2", device = "bxk1000" })).StatusCode);
        var mappings = await _bot.Admin.GetFromJsonAsync<JsonElement>("/admin/mappings?device=bxk1000");
        Assert.Equal("teams:19:abc@thread.tacv2", Assert.Single(mappings.EnumerateArray()).GetProperty("channelKey").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await _bot.Admin.DeleteAsync("/admin/mappings?channel=teams:19:abc@thread.tacv2&device=bxk1000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _bot.Admin.DeleteAsync("/admin/mappings?channel=teams:19:abc@thread.tacv2&device=bxk1000")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _bot.Admin.DeleteAsync("/admin/devices/bxk1000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _bot.Admin.GetAsync("/admin/devices/bxk1000")).StatusCode);
    }

    [Fact]
    public async Task A_device_keeps_its_alarm_source_identity_under_the_seed_file_field()
    {
        var put = await _bot.Admin.PutAsJsonAsync("/admin/devices/lamp01",
            new { isdpDeviceId = "lamp01--1", chatJid = "1@example.com", tencent = new { productId = "22F9Y6II7O", deviceName = "light1" } });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        var device = await _bot.Admin.GetFromJsonAsync<JsonElement>("/admin/devices/lamp01");

        Assert.Equal("light1", device.GetProperty("tencent").GetProperty("deviceName").GetString());
        Assert.False(device.TryGetProperty("alarmSource", out _));
        Assert.Equal("22F9Y6II7O", (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tencent").GetProperty("productId").GetString());
    }

    [Fact]
    public async Task A_channel_of_an_unknown_platform_is_refused_naming_the_registered_ones()
    {
        var response = await _bot.Admin.PostAsJsonAsync("/admin/mappings", new { channel = "irc:#ops", device = "aqm0523" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("channel")[0].GetString();
        // Slack and Teams register their names even when switched off (as here); the web chat only with the playground.
        Assert.Equal("channel must be platform:id with platform slack or teams", message);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_admin_api()
    {
        var doc = await _bot.Admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/admin/devices/{deviceId}", out var device));
        Assert.True(device.TryGetProperty("put", out _));
        Assert.True(paths.TryGetProperty("/admin/mappings", out _));
    }

    [Fact]
    public async Task Health_and_readiness_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await _bot.Client.GetAsync("/healthz")).StatusCode);
        var ready = await _bot.Admin.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("ok", ready.GetProperty("storage").GetString());
    }
}
