using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Channels;
using Bot.StandIns.Slack;
using Bot.StandIns.Teams;
using Bot.Teams.Endpoint;
using Bot.TencentIot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Bot.Host.Tests.Slack.SlackHarness;
using Bot.Slack;
using Bot.Teams;

namespace Bot.Host.Tests.Alarms;

/// <summary>
/// The life of an alarm through the real Slack and Teams surfaces against their stand-ins: a device alarm posted to a
/// Slack channel and a Teams channel is acknowledged, unacknowledged, resolved and reopened from both platforms, and
/// every copy follows each change; conflicting clicks end in one state on every copy; someone elsewhere is refused.
/// </summary>
public sealed class AlarmLifeTests : IAsyncLifetime
{
    private static readonly SlackPersonInChannel Zhang = new("U0ZHANG", "张三", "C0LAMP", "lamp");
    private static readonly SlackPersonInChannel Eve = new("U0EVE", "eve", "C0ELSE", "elsewhere");
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private SlackTeamsAlarms _w = null!;
    private string _alarmId = "";
    private string _slackTs = "";
    private string _teamsActivity = "";

    public async Task InitializeAsync()
    {
        _w = await SlackTeamsAlarms.StartAsync([Zhang, Eve]);
        await _w.Harness.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", "slack:C0LAMP", _w.TeamsKey);

        _alarmId = _w.Harness.Tencent.AddMessage(TencentCategory.Device, "Over temperature", "92 °C", "22F9Y6II7O", "light1").MsgId;
        await _w.Harness.PollAsync();
        await _w.Harness.WaitForDeliveriesAsync(all => all.Count == 2 && all.All(d => d.State == "Posted"));
        _slackTs = Assert.Single(_w.Slack.PostedTs("C0LAMP"));
        _teamsActivity = Assert.Single(_w.Teams.Calls, c => c.Operation == "create").ActivityId!;
    }

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The Slack copy as it stands now (after every chat.update).</summary>
    private JsonElement SlackCopy => _w.Slack.MessageAt("C0LAMP", _slackTs)!.Value;

    /// <summary>The Teams copy as it stands now: the last card sent for its activity.</summary>
    private string TeamsCopy => _w.Teams.Calls.Last(c => c.ActivityId == _teamsActivity && c.Operation is "create" or "update").Card!.ToJsonString(Readable);

    /// <summary>A click in Slack on the channel's copy (its answer goes to the clicker; the outbox edits the copies).</summary>
    private async Task<string> ClickInSlackAsync(SlackPersonInChannel who, string verb)
    {
        var responseUrl = _w.Slack.NewResponseUrl();
        using (var click = await _w.Slack.ClickAsync(_w.Harness.Bot.BaseAddress, who, Button(SlackCopy, verb), responseUrl))
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        return responseUrl;
    }

    private async Task<string> ClickInTeamsAsync(string verb, string? id = null)
    {
        using var click = await _w.SendToTeamsAsync(ChannelActivities.Execute(_w.Teams.ServiceUrl, _w.Teams.Settings.AppId, _w.Place, TeamsPerson.Alice, _teamsActivity, verb, id ?? _alarmId));
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        return await click.Content.ReadAsStringAsync();
    }

    /// <summary>Waits until both copies show <paramref name="shows"/> and nothing is left to edit.</summary>
    private async Task EveryCopyShowsAsync(string shows)
    {
        var until = DateTime.UtcNow + Wait;
        while (!(AllText(SlackCopy).Contains(shows, StringComparison.Ordinal) && TeamsCopy.Contains(shows, StringComparison.Ordinal))
            || (await _w.Harness.AdminGetAsync($"/admin/alarms/{_alarmId}")).GetProperty("deliveries").EnumerateArray().Any(d => d.GetProperty("needsRefresh").GetBoolean()))
        {
            Assert.True(DateTime.UtcNow < until, $"not every copy shows \"{shows}\": Slack {AllText(SlackCopy)} / Teams {TeamsCopy}");
            _w.Harness.Time.Advance(TimeSpan.FromSeconds(2));   // the surfaces pace per channel on the bot's clock
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until <paramref name="count"/> cards are posted, moving the bot's clock for Slack's pace of one message per second.</summary>
    private async Task AllPostedAsync(int count)
    {
        var until = DateTime.UtcNow + Wait;
        while (!(await _w.Harness.DeliveriesAsync() is var all && all.Count == count && all.All(d => d.State == "Posted")))
        {
            Assert.True(DateTime.UtcNow < until, $"not all {count} cards were posted in time");
            _w.Harness.Time.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(50);
        }
    }

    private static IReadOnlyList<string> SlackVerbs(JsonElement message) =>
        [.. Buttons(message).Select(b => BlockKit.VerbOf(b.GetProperty("action_id").GetString()!))];

    [Fact]
    public async Task Each_transition_from_Slack_or_Teams_shows_on_every_copy_and_the_history_lists_them()
    {
        Assert.Equal(["alarm.ack", "alarm.resolve", "alarm.silence", "call.start"], SlackVerbs(SlackCopy));

        _w.Harness.Time.Advance(TimeSpan.FromSeconds(2));
        await ClickInSlackAsync(Zhang, "alarm.ack");
        await EveryCopyShowsAsync("Acknowledged by 张三");
        Assert.Equal(["alarm.unack", "alarm.resolve", "alarm.silence", "call.start"], SlackVerbs(SlackCopy));
        Assert.Contains("\"style\":\"warning\"", TeamsCopy);

        var unacknowledged = await ClickInTeamsAsync("alarm.unack");
        Assert.Contains("Alice Li took back the acknowledgement", unacknowledged);   // the clicker's own view, at once
        await EveryCopyShowsAsync("Alice Li took back the acknowledgement");
        Assert.Equal(["alarm.ack", "alarm.resolve", "alarm.silence", "call.start"], SlackVerbs(SlackCopy));

        await ClickInSlackAsync(Zhang, "alarm.resolve");
        await EveryCopyShowsAsync("Resolved by 张三");
        Assert.Equal(["alarm.reopen"], SlackVerbs(SlackCopy));
        Assert.Contains("\"style\":\"good\"", TeamsCopy);

        await ClickInTeamsAsync("alarm.reopen");
        await EveryCopyShowsAsync("reopened by Alice Li");
        Assert.Contains("\"style\":\"attention\"", TeamsCopy);

        var history = (await _w.Harness.AdminGetAsync($"/admin/alarms/{_alarmId}/history")).EnumerateArray()
            .Select(c => (c.GetProperty("transition").GetString(), c.GetProperty("userName").GetString(), c.GetProperty("channelKey").GetString())).ToList();
        Assert.Equal(
            [("Acknowledge", "张三", "slack:C0LAMP"), ("Unacknowledge", "Alice Li", _w.TeamsKey), ("Resolve", "张三", "slack:C0LAMP"), ("Reopen", "Alice Li", _w.TeamsKey)],
            history);
        Assert.Equal("Firing", (await _w.Harness.AdminGetAsync($"/admin/alarms/{_alarmId}")).GetProperty("state").GetString());

        // Each change is also a line in the card's thread: a Slack reply with thread_ts, a Teams reply to the card.
        var expected = new[] { "张三 acknowledged · ", "Alice Li took back the acknowledgement · ", "张三 resolved · ", "Alice Li reopened · " };
        var slackLines = await WaitForThreadLinesAsync(() => [.. _w.Slack.CallsOf("chat.postMessage")
            .Where(c => c.Json.TryGetProperty("thread_ts", out var ts) && ts.GetString() == _slackTs).Select(c => c.Json.GetProperty("text").GetString()!)], 4);
        var teamsLines = await WaitForThreadLinesAsync(() => [.. _w.Teams.Calls
            .Where(c => c.Operation == "reply" && c.ReplyToId == _teamsActivity && c.Status < 300).Select(c => c.Body!["text"]!.GetValue<string>())], 4);
        foreach (var lines in new[] { slackLines, teamsLines })
        {
            Assert.Equal(4, lines.Count);
            for (var i = 0; i < 4; i++) Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(expected[i]) + "[0-2][0-9]:[0-5][0-9]$", lines[i]);
        }
    }

    private async Task<IReadOnlyList<string>> WaitForThreadLinesAsync(Func<IReadOnlyList<string>> lines, int count)
    {
        var until = DateTime.UtcNow + Wait;
        while (lines().Count < count)
        {
            Assert.True(DateTime.UtcNow < until, $"only {lines().Count} thread lines: {string.Join(" | ", lines())}");
            _w.Harness.Time.Advance(TimeSpan.FromSeconds(2));   // the surfaces pace per channel on the bot's clock
            await Task.Delay(50);
        }
        return lines();
    }

    [Fact]
    public async Task Acknowledge_in_Slack_against_Resolve_in_Teams_at_once_ends_in_one_state_on_every_copy()
    {
        _w.Harness.Time.Advance(TimeSpan.FromSeconds(2));
        var button = Button(SlackCopy, "alarm.ack");
        var responseUrl = _w.Slack.NewResponseUrl();
        using var start = new Barrier(2);
        var slack = Task.Run(async () => { start.SignalAndWait(); using var r = await _w.Slack.ClickAsync(_w.Harness.Bot.BaseAddress, Zhang, button, responseUrl); return r.StatusCode; });
        // Both clicked on the firing card: its Resolve carries the state it showed.
        var teams = Task.Run(async () => { start.SignalAndWait(); return await ClickInTeamsAsync("alarm.resolve", $"{_alarmId}|Firing"); });
        Assert.Equal(HttpStatusCode.OK, await slack);
        var teamsAnswer = await teams;

        var history = (await _w.Harness.AdminGetAsync($"/admin/alarms/{_alarmId}/history")).EnumerateArray().ToList();
        var winner = Assert.Single(history).GetProperty("transition").GetString();
        if (winner == "Acknowledge")
        {
            await EveryCopyShowsAsync("Acknowledged by 张三");
            // The invoke answer is JSON: its note is read as text, not matched against escaped characters.
            var note = JsonDocument.Parse(teamsAnswer).RootElement;
            Assert.Equal("application/vnd.microsoft.activity.message", note.GetProperty("type").GetString());
            Assert.Contains("张三 already acknowledged this alarm", note.GetProperty("value").GetString());
            Assert.DoesNotContain("Resolved by", AllText(SlackCopy));
        }
        else
        {
            await EveryCopyShowsAsync("Resolved by Alice Li");
            var note = await _w.Slack.WaitForResponsesAsync(responseUrl, 1, Wait);
            Assert.Contains("Alice Li already resolved this alarm", AllText(note[0].Body));
            Assert.DoesNotContain("Acknowledged by", TeamsCopy);
        }
    }

    [Fact]
    public async Task Someone_in_a_channel_the_alarm_never_reached_is_refused_politely_and_nothing_changes()
    {
        _w.Harness.Time.Advance(TimeSpan.FromSeconds(2));
        var responseUrl = await ClickInSlackAsync(Eve, "alarm.resolve");

        var answer = Assert.Single(await _w.Slack.WaitForResponsesAsync(responseUrl, 1, Wait));
        Assert.Contains("Sorry, this alarm was not posted in this channel", AllText(answer.Body));
        Assert.Empty((await _w.Harness.AdminGetAsync($"/admin/alarms/{_alarmId}/history")).EnumerateArray());
        Assert.Equal("Firing", (await _w.Harness.AdminGetAsync($"/admin/alarms/{_alarmId}")).GetProperty("state").GetString());
        Assert.Empty(_w.Slack.CallsOf("chat.update"));
    }

    /// <summary>The alarm ids a Slack list message carries on its Resolve/Reopen buttons, in order.</summary>
    private static IReadOnlyList<string> ListedIds(JsonElement message) =>
        [.. Buttons(message).Where(b => BlockKit.VerbOf(b.GetProperty("action_id").GetString()!) is "alarm.resolve" or "alarm.reopen").Select(b => b.GetProperty("value").GetString()!.Split('|')[0])];

    private async Task<JsonElement> SlackCommandAsync(string command, string text)
    {
        using var answer = await _w.Slack.SendCommandAsync(_w.Harness.Bot.BaseAddress, Zhang, command, text, _w.Slack.NewResponseUrl());
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Empty(SlackBlockRules.Problems(json.GetProperty("blocks")));
        return json;
    }

    [Fact]
    public async Task Alarms_lists_exactly_the_channel_s_open_ones_newest_first_and_all_adds_those_resolved_in_the_last_day()
    {
        var second = _w.Harness.Tencent.AddMessage(TencentCategory.Device, "Door open", "cabinet", "22F9Y6II7O", "light1").MsgId;
        var third = _w.Harness.Tencent.AddMessage(TencentCategory.Device, "Smoke", "room 2", "22F9Y6II7O", "light1").MsgId;
        await _w.Harness.PollAsync();
        await AllPostedAsync(6);
        var chat = _w.Harness.Bot.Get<Bot.Core.ChatRequests>();
        var inLamp = new ChatContext(new ChatUser(SlackPlatform.Name, Zhang.UserId, "张三"), new Channel { Platform = SlackPlatform.Name, ExternalId = "C0LAMP" }, "en-US", false);
        await chat.HandleActionAsync(inLamp, "alarm.resolve", second, default);
        await chat.HandleActionAsync(inLamp, "alarm.ack", _alarmId, default);

        var open = await SlackCommandAsync("/alarms", "");
        Assert.Equal([third, _alarmId], ListedIds(open));
        Assert.Contains("Acknowledged by 张三", AllText(open));
        Assert.Equal(["alarm.ack", "alarm.resolve", "alarm.silence", "call.start", "alarm.unack", "alarm.resolve", "alarm.silence", "call.start"], SlackVerbs(open));

        var all = await SlackCommandAsync("/alarms", "all");
        Assert.Equal([third, second, _alarmId], ListedIds(all));
        Assert.Contains("Resolved by 张三", AllText(all));

        // Teams: the same list for the same channel's alarms, posted as the answer to the message.
        using (var typed = await _w.SendToTeamsAsync(ChannelActivities.Message(_w.Teams.ServiceUrl, _w.Teams.Settings.AppId, _w.Place, TeamsPerson.Alice, "alarms")))
            Assert.Equal(HttpStatusCode.OK, typed.StatusCode);
        var reply = (await _w.Teams.WaitForAsync(calls => calls.Any(c => c.Operation is "reply" or "send" && c.Card is not null), Wait)).First(c => c.Operation is "reply" or "send" && c.Card is not null);
        var teamsList = reply.Card!.ToJsonString(Readable);
        Assert.True(teamsList.IndexOf(third, StringComparison.Ordinal) < teamsList.IndexOf(_alarmId, StringComparison.Ordinal));
        Assert.DoesNotContain(second, teamsList);

        // A day later the resolved one has left "alarms all" too.
        _w.Harness.Time.Advance(TimeSpan.FromHours(25));
        Assert.Equal([third, _alarmId], ListedIds(await SlackCommandAsync("/alarms", "all")));
        // Another channel's list has none of them.
        using var elsewhere = await _w.Slack.SendCommandAsync(_w.Harness.Bot.BaseAddress, Eve, "/alarms", "", _w.Slack.NewResponseUrl());
        Assert.Contains("No open alarms here", await elsewhere.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_long_list_is_paged_and_Next_page_shows_the_rest()
    {
        for (var i = 0; i < 9; i++) _w.Harness.Tencent.AddMessage(TencentCategory.Device, $"Alarm {i}", "x", "22F9Y6II7O", "light1");
        await _w.Harness.PollAsync();
        await AllPostedAsync(20);

        var first = await SlackCommandAsync("/alarms", "");
        Assert.Equal(8, ListedIds(first).Count);
        Assert.Contains("page 1 of 2 · 10 alarm(s)", AllText(first));
        var responseUrl = _w.Slack.NewResponseUrl();
        using (var next = await _w.Slack.ClickAsync(_w.Harness.Bot.BaseAddress, Zhang, Button(first, "alarm.list"), responseUrl))
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var second = Assert.Single(await _w.Slack.WaitForResponsesAsync(responseUrl, 1, Wait)).Body;
        Assert.Empty(SlackBlockRules.Problems(second.GetProperty("blocks")));
        Assert.Contains("page 2 of 2", AllText(second));
        Assert.Equal(2, ListedIds(second).Count);
        Assert.Equal(_alarmId, ListedIds(second)[^1]);   // the oldest last
        Assert.Empty(ListedIds(first).Intersect(ListedIds(second)));
    }

    private async Task<string> SilenceFromSlackAsync(int minutes)
    {
        _w.Harness.Time.Advance(TimeSpan.FromSeconds(2));
        var select = Buttons(SlackCopy).Single(b => b.GetProperty("action_id").GetString()!.StartsWith("alarm.silence#", StringComparison.Ordinal));
        Assert.Equal("static_select", select.GetProperty("type").GetString());
        var responseUrl = _w.Slack.NewResponseUrl();
        using (var pick = await _w.Slack.PickAsync(_w.Harness.Bot.BaseAddress, Zhang, select, $"{_alarmId}|{minutes}", responseUrl))
            Assert.Equal(HttpStatusCode.OK, pick.StatusCode);
        return AllText(Assert.Single(await _w.Slack.WaitForResponsesAsync(responseUrl, 1, Wait)).Body);
    }

    private IReadOnlyList<string> Announcements() =>
        [.. _w.Slack.CallsOf("chat.postMessage").Where(c => c.Json.GetProperty("channel").GetString() == "C0LAMP" && !c.Json.TryGetProperty("thread_ts", out _))
            .Select(c => "slack: " + AllText(c.Json)).Where(t => t.Contains("silence of", StringComparison.Ordinal)),
         .. _w.Teams.Calls.Where(c => c.Operation == "create" && c.Card is not null).Select(c => "teams: " + c.Card!.ToJsonString(Readable))
            .Where(t => t.Contains("silence of", StringComparison.Ordinal))];

    [Fact]
    public async Task A_silence_picked_on_a_Slack_card_holds_back_the_device_s_alarms_on_Teams_too_and_ends_by_itself_on_the_clock()
    {
        Assert.Contains("Lamp (lamp01) is silenced until", await SilenceFromSlackAsync(60));
        var silence = Assert.Single((await _w.Harness.AdminGetAsync("/admin/silences")).EnumerateArray());
        Assert.Equal(("lamp01", "slack:C0LAMP", "张三"), (silence.GetProperty("deviceId").GetString(), silence.GetProperty("channelKey").GetString(), silence.GetProperty("userName").GetString()));

        var held = _w.Harness.Tencent.AddMessage(TencentCategory.Device, "Door open", "cabinet", "22F9Y6II7O", "light1").MsgId;
        await _w.Harness.PollAsync();
        var deliveries = (await _w.Harness.AdminGetAsync($"/admin/alarms/{held}")).GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal(["Held", "Held"], deliveries.Select(d => d.GetProperty("state").GetString()));
        var listed = await SlackCommandAsync("/alarms", "");
        Assert.Equal([held, _alarmId], ListedIds(listed));
        Assert.Contains("Silenced: held back while its device was silenced", AllText(listed));
        Assert.Contains("Lamp (lamp01): until", AllText(await SlackCommandAsync("/silences", "")));

        // An hour on the bot's clock: the silence ends by itself and both channels hear how many came meanwhile.
        var until = DateTime.UtcNow + Wait;
        while (Announcements().Count < 2)
        {
            Assert.True(DateTime.UtcNow < until, "the end of the silence was not announced: " + string.Join(" | ", Announcements()));
            _w.Harness.Time.Advance(TimeSpan.FromMinutes(2));
            await Task.Delay(50);
        }
        Assert.All(Announcements(), a => Assert.Contains("The silence of Lamp (lamp01) is over: 1 alarm(s) came meanwhile", a));
        Assert.Empty((await _w.Harness.AdminGetAsync("/admin/silences")).EnumerateArray());
        Assert.DoesNotContain(_w.Slack.CallsOf("chat.postMessage"), c => c.Body.Contains("Door open", StringComparison.Ordinal));   // never posted
        Assert.DoesNotContain(_w.Teams.Calls, c => c.Card?.ToJsonString(Readable).Contains("Door open", StringComparison.Ordinal) == true);

        // Afterwards the device's alarms are posted again.
        var after = _w.Harness.Tencent.AddMessage(TencentCategory.Device, "Smoke", "room 2", "22F9Y6II7O", "light1").MsgId;
        await _w.Harness.PollAsync();
        await _w.Harness.WaitForDeliveriesAsync(all => all.Count(d => d.AlarmId == after && d.State == "Posted") == 2);
        Assert.Equal(2, (await _w.Harness.DeliveriesAsync()).Count(d => d.AlarmId == held && d.State == "Held"));
    }

    [Fact]
    public async Task Unsilence_ends_a_silence_early_and_says_who_did()
    {
        await SilenceFromSlackAsync(30);
        var answer = await SlackCommandAsync("/unsilence", "lamp01");
        Assert.Contains("Lamp (lamp01) is no longer silenced.", AllText(answer));
        var until = DateTime.UtcNow + Wait;
        while (Announcements().Count < 1)
        {
            Assert.True(DateTime.UtcNow < until, "the early end was not announced");
            _w.Harness.Time.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(50);
        }
        Assert.Contains("张三 ended the silence of Lamp (lamp01): 0 alarm(s) came meanwhile", Assert.Single(Announcements()));
        Assert.Contains("Lamp (lamp01) is not silenced.", AllText(await SlackCommandAsync("/unsilence", "lamp01")));
    }
}
