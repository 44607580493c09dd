using System.Net.Http.Json;
using System.Text.Json;
using Bot.Host.Tests.Support;
using Microsoft.Extensions.Options;

namespace Bot.Host.Tests.Alarms;

/// <summary>Tencent settings are checked at start-up; without them the bot runs with the poller off.</summary>
public sealed class AlarmStartupTests
{
    [Fact]
    public async Task Without_an_AppKey_the_bot_starts_and_the_poller_is_off()
    {
        await using var bot = await BotTestHost.StartAsync();
        var poller = await bot.Admin.GetFromJsonAsync<JsonElement>("/admin/alarms/poller");
        Assert.False(poller.GetProperty("enabled").GetBoolean());
        var ready = await bot.Admin.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.DoesNotContain(ready.GetProperty("integrations").EnumerateArray(), i => i.GetProperty("name").GetString() == "tencent");
        Assert.Empty((await bot.Admin.GetFromJsonAsync<JsonElement>("/admin/alarms")).EnumerateArray());
    }

    [Fact]
    public async Task An_AppKey_without_the_rest_stops_start_up_naming_each_setting()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tencent:AppKey"] = "key",
            ["Tencent:LoginType"] = "email",
        }));
        Assert.Contains("Tencent:AppSecret is required", e.Message);
        Assert.Contains("Tencent:Password is required", e.Message);
        Assert.Contains("Tencent:Email is required", e.Message);
    }

    [Theory]
    [InlineData("Alarms:NotificationChannels:0", "irc:#ops", "Alarms:NotificationChannels:0")]
    [InlineData("Bot:TimeZone", "Mars/Olympus", "Bot:TimeZone")]   // alarm cards show times in the bot's zone
    public async Task Bad_relay_settings_stop_start_up(string key, string value, string named)
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => BotTestHost.StartAsync(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public async Task The_alarm_admin_api_needs_the_key()
    {
        await using var bot = await BotTestHost.StartAsync();
        foreach (var path in new[] { "/admin/alarms", "/admin/alarms/unroutable", "/admin/alarms/cursors", "/admin/alarms/acknowledgements", "/admin/family-mappings", "/admin/alarms/poller" })
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await bot.Client.GetAsync(path)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await bot.Admin.GetAsync("/admin/alarms/123")).StatusCode);
    }
}
