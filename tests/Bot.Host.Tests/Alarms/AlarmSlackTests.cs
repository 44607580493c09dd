using Bot.TencentIot;
using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Host.Tests.Calls;
using Bot.StandIns;
using Bot.StandIns.Slack;
using static Bot.Host.Tests.Slack.SlackHarness;
using Bot.Slack;

namespace Bot.Host.Tests.Alarms;

/// <summary>
/// Alarm cards through the real Slack surface and the Slack stand-in: posted by the dispatcher with
/// chat.postMessage, acknowledged by a signed click on /slack/interactions, edited with chat.update.
/// (Teams is the recording double until its stand-in is on main.)
/// </summary>
public sealed class AlarmSlackTests : IAsyncLifetime
{
    private const string LampTeams = "teams:19:lamp@thread.tacv2";
    private static readonly SlackPersonInChannel Zhang = new("U0ZHANG", "张三", "C0LAMP", "lamp");
    private static readonly SlackPersonInChannel Li = new("U0LI", "李四", "C0LAMP", "lamp");
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private SlackStandIn _slack = null!;
    private IsdpStandIn _isdp = null!;
    private AlarmHarness _h = null!;
    private string _alarmId = "";
    private System.Text.Json.JsonElement _posted;

    public async Task InitializeAsync()
    {
        var time = AlarmHarness.NewClock();
        _slack = await SlackStandIn.StartAsync(new SlackStandInSettings
        {
            Time = time,
            Users = new Dictionary<string, (string, string)> { [Zhang.UserId] = ("张三", "en-US"), [Li.UserId] = ("李四", "zh-CN") },
        });
        _isdp = await IsdpStandIn.StartAsync();
        var settings = CallFlowTests.IsdpSettings(_isdp);
        settings["Slack:SigningSecret"] = _slack.Settings.SigningSecret;
        settings["Slack:BotToken"] = _slack.Settings.BotToken;
        settings["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl;
        _h = await AlarmHarness.StartAsync(settings, time: time, realPlatforms: SlackPlatform.Name);

        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", "slack:C0LAMP", LampTeams);
        _alarmId = _h.Tencent.AddMessage(TencentCategory.Device, "Over temperature", "92 °C", "22F9Y6II7O", "light1").MsgId;
        await _h.PollAsync();
        var post = Assert.Single(await _slack.WaitForCallsAsync("chat.postMessage", 1, Wait));
        _posted = post.Json;
        await _h.Teams.WaitForAsync(t => t.Posts.Count >= 1);
        await _h.WaitForDeliveriesAsync(all => all.Count == 2 && all.All(d => d.State == "Posted"));
        // The Slack surface keeps one message per second per channel, counted on the (fake) clock: let that second pass.
        _h.Time.Advance(TimeSpan.FromSeconds(2));
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await _slack.DisposeAsync();
        await _isdp.DisposeAsync();
    }

    [Fact]
    public async Task The_alarm_card_reaches_Slack_as_blocks_with_Acknowledge_and_Call_device()
    {
        Assert.Equal("C0LAMP", _posted.GetProperty("channel").GetString());
        Assert.Contains("Device alarm: Over temperature", Header(_posted));
        var text = AllText(_posted);
        Assert.Contains("Lamp (lamp01)", text);
        Assert.Contains("Warning", text);
        Assert.NotNull(Button(_posted, "alarm.ack").GetProperty("action_id").GetString());
        Assert.NotNull(Button(_posted, "call.start").GetProperty("action_id").GetString());
    }

    [Fact]
    public async Task Acknowledge_clicked_in_Slack_edits_the_Teams_copy_and_the_Slack_message()
    {
        var responseUrl = _slack.NewResponseUrl();
        await ClickAsync(Zhang, Button(_posted, "alarm.ack"), responseUrl);

        // The Teams copy, posted by the dispatcher, is edited in place.
        await _h.Teams.WaitForAsync(t => t.Edits.Count >= 1);
        var edit = Assert.Single(_h.Teams.Edits);
        Assert.Equal((LampTeams, _h.Teams.Posts.Single().MessageRef), (edit.ChannelKey, edit.MessageRef));
        Assert.Contains("Acknowledged by 张三", edit.Reply.Text);
        // The Slack channel message is edited with chat.update on the ts the post returned.
        var update = Assert.Single(await _slack.WaitForCallsAsync("chat.update", 1, Wait)).Json;
        Assert.Equal("C0LAMP", update.GetProperty("channel").GetString());
        Assert.Contains("Acknowledged by 张三", AllText(update));
        Assert.DoesNotContain(Buttons(update), b => b.GetProperty("action_id").GetString()!.StartsWith("alarm.ack", StringComparison.Ordinal));

        // A later click is told who did, privately.
        var laterUrl = _slack.NewResponseUrl();
        await ClickAsync(Li, Button(_posted, "alarm.ack"), laterUrl);
        var note = Assert.Single(await _slack.WaitForResponsesAsync(laterUrl, 1, Wait)).Body;
        Assert.Contains("张三 已于", note.ToString());
        var acks = await _h.AdminGetAsync("/admin/alarms/acknowledgements");
        Assert.Equal("U0ZHANG", Assert.Single(acks.EnumerateArray()).GetProperty("acknowledgement").GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Two_signed_clicks_at_once_produce_one_acknowledgement()
    {
        var urls = new[] { _slack.NewResponseUrl(), _slack.NewResponseUrl() };
        await Task.WhenAll(ClickAsync(Zhang, Button(_posted, "alarm.ack"), urls[0]), ClickAsync(Li, Button(_posted, "alarm.ack"), urls[1]));

        await _h.Teams.WaitForAsync(t => t.Edits.Count >= 1);
        var acks = await _h.AdminGetAsync("/admin/alarms/acknowledgements");
        var winner = Assert.Single(acks.EnumerateArray()).GetProperty("acknowledgement").GetProperty("userName").GetString();
        Assert.Contains($"Acknowledged by {winner}", Assert.Single(_h.Teams.Edits).Reply.Text);
        // One click replaced its card, the other got a note naming the winner.
        var answers = new List<string>();
        foreach (var url in urls) answers.Add(Assert.Single(await _slack.WaitForResponsesAsync(url, 1, Wait)).Body.ToString());
        Assert.Single(answers, a => a.Contains("\"replace_original\":true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Call_device_from_the_Slack_alarm_card_ends_in_exactly_one_invite_after_confirmation()
    {
        var responseUrl = _slack.NewResponseUrl();
        await ClickAsync(Zhang, Button(_posted, "call.start"), responseUrl);
        var confirmation = Assert.Single(await _slack.WaitForResponsesAsync(responseUrl, 1, Wait)).Body;
        Assert.Empty(_isdp.ReceivedInvites);

        string[] confirmUrls = [_slack.NewResponseUrl(), _slack.NewResponseUrl()];
        await ClickAsync(Zhang, Button(confirmation, "call.confirm"), confirmUrls[0]);
        await ClickAsync(Zhang, Button(confirmation, "call.confirm"), confirmUrls[1]);   // a double click
        await _isdp.WaitForInvitesAsync(1, Wait);
        foreach (var url in confirmUrls) await _slack.WaitForResponsesAsync(url, 1, Wait);   // both clicks fully answered

        var invite = Assert.Single(_isdp.ReceivedInvites);
        Assert.Equal(("lamp01", "lamp01--1"), (invite.DeviceId, invite.IsdpDeviceId));
    }

    private async Task ClickAsync(SlackPersonInChannel who, System.Text.Json.JsonElement button, string responseUrl)
    {
        using var response = await _slack.ClickAsync(_h.Bot.BaseAddress, who, button, responseUrl);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
