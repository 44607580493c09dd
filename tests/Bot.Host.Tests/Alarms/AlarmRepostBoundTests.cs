using Bot.Slack;
using Bot.Core.Channels;
using Bot.Host.Tests.Calls;
using Bot.StandIns;
using Bot.StandIns.Slack;
using Bot.TencentIot;

namespace Bot.Host.Tests.Alarms;

/// <summary>
/// A card whose post goes unanswered (5xx, a cut-off answer) may be in the channel already: whatever faults
/// Slack shows, the dispatcher and the surface together send it at most twice in a way Slack could have taken.
/// </summary>
public sealed class AlarmRepostBoundTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private SlackStandIn _slack = null!;
    private IsdpStandIn _isdp = null!;
    private AlarmHarness _h = null!;

    public async Task InitializeAsync()
    {
        var time = AlarmHarness.NewClock();
        _slack = await SlackStandIn.StartAsync(new SlackStandInSettings { Time = time });
        _isdp = await IsdpStandIn.StartAsync();
        var settings = CallFlowTests.IsdpSettings(_isdp);
        settings["Slack:BotToken"] = _slack.Settings.BotToken;
        settings["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl;
        _h = await AlarmHarness.StartAsync(settings, time: time, realPlatforms: SlackPlatform.Name);
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", "slack:C0LAMP");
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await _slack.DisposeAsync();
        await _isdp.DisposeAsync();
    }

    /// <summary>Calls Slack could have carried out: not a 429 and not an ok:false refusal.</summary>
    private int PostsSlackMayHaveTaken() =>
        _slack.CallsOf("chat.postMessage").Count(c => (c.Status >= 500 && c.Status != 503) || (c.Status == 200 && (c.Error is null || c.Error.StartsWith('{'))));

    private static SlackApiFault Fault(string name) => name switch
    {
        "503" => new SlackApiFault.ServerError(503),
        "502" => new SlackApiFault.ServerError(502),
        "500" => new SlackApiFault.ServerError(500),
        "malformed" => new SlackApiFault.Malformed(),
        "429" => new SlackApiFault.RateLimited(1),
        _ => new SlackApiFault.Error(name),
    };

    [Theory]
    [InlineData("Failed", "502", "502", "502", "502", "502", "502")]
    [InlineData("Failed", "502", "429", "internal_error", "429", "500", "502")]
    [InlineData("Failed", "malformed", "502")]
    [InlineData("Posted", "502")]
    [InlineData("Posted", "503", "503", "503", "503", "503", "503", "503", "503", "503", "503")]
    [InlineData("Posted", "429", "internal_error", "500", "429", "service_unavailable")]
    [InlineData("Posted", "internal_error", "429", "service_unavailable", "internal_error", "429")]
    public async Task A_card_is_posted_at_most_twice_whatever_slack_answers(string ends, params string[] faults)
    {
        foreach (var fault in faults) _slack.FailNext(Fault(fault), "chat.postMessage");
        var alarmId = _h.Tencent.AddMessage(TencentCategory.Device, "Over temperature", "92 °C", "22F9Y6II7O", "light1").MsgId;
        await _h.PollAsync();

        // Let the outbox's backoff pass on the fake clock until the card settles.
        var settled = "";
        var until = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < until)
        {
            settled = (await _h.DeliveriesAsync()).Single(d => d.AlarmId == alarmId && d.Channel == "slack:C0LAMP").State;
            if (settled is "Posted" or "Failed") break;
            _h.Time.Advance(TimeSpan.FromSeconds(10));
            await Task.Yield();
        }

        Assert.Equal(ends, settled);
        Assert.True(PostsSlackMayHaveTaken() <= 2, $"posted {PostsSlackMayHaveTaken()} times: {string.Join(", ", _slack.CallsOf("chat.postMessage").Select(c => $"{c.Status} {c.Error}"))}");
        if (ends == "Failed")
        {
            var alarm = await _h.AdminGetAsync($"/admin/alarms/{alarmId}");
            var delivery = alarm.GetProperty("deliveries").EnumerateArray().Single(d => d.GetProperty("channelKey").GetString() == "slack:C0LAMP");
            Assert.Contains("may have arrived", delivery.GetProperty("lastError").GetString());
        }
    }
}
