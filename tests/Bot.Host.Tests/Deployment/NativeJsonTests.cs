using System.Text.Json;
using Bot.Core.Devices;
using Bot.Host.Admin;
using Bot.Host.Tests.Support;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Bot.Host.Tests.Deployment;

/// <summary>
/// The HTTP answers' JSON resolves through the source-generated contexts alone, as in the native build (which has no
/// reflection): a type missing from them fails here rather than only in that build.
/// </summary>
public sealed class NativeJsonTests
{
    private sealed record NotInAnyContext(string Name);

    [Fact]
    public async Task Http_json_knows_no_type_by_reflection()
    {
        await using var bot = await BotTestHost.StartAsync();
        var options = bot.Get<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(new NotInAnyContext("x"), options));
    }

    [Fact]
    public async Task An_alarm_view_with_its_acknowledgement_is_written_from_generated_metadata()
    {
        await using var bot = await BotTestHost.StartAsync();
        var options = bot.Get<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        var at = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.FromHours(8));
        var view = new AlarmAdminEndpoints.AlarmView("a1", "tencent", 1, "Event", "Critical", "Fire", "text", at, "P1", "dev1", "Pump", "f1", "Family",
            "aqm0523", ["slack:C1"], at, new AlarmAdminEndpoints.AcknowledgementView("slack", "U1", "Bob", at), [], "Acknowledged", 3);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(view, options));
        var ack = json.RootElement.GetProperty("acknowledgement");
        Assert.Equal("Bob", ack.GetProperty("userName").GetString());
        Assert.Equal(at, ack.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_device_in_an_http_answer_carries_the_identity_under_the_sources_field()
    {
        await using var bot = await BotTestHost.StartAsync();
        var options = bot.Get<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        var device = new Device { DeviceId = "aqm0523", IsdpDeviceId = "1", ChatJid = "1@x", AlarmSource = new SourceIdentity("P1", "dev1") };
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(new List<Device> { device }, options));
        var written = json.RootElement[0];
        Assert.Equal("P1", written.GetProperty("tencent").GetProperty("productId").GetString());
        Assert.False(written.TryGetProperty("alarmSource", out _));
    }
}
