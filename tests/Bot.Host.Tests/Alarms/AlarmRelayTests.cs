using Bot.TencentIot;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.StandIns.Tencent;

namespace Bot.Host.Tests.Alarms;

/// <summary>Tencent stand-in → poller → outbox → dispatcher → surfaces, through the real host.</summary>
public sealed class AlarmRelayTests : IAsyncLifetime
{
    private const string FamilySlack = "slack:C-FAMILY";
    private const string FamilyTeams = "teams:19:family@thread.tacv2";
    private const string LampSlack = "slack:C-LAMP";
    private AlarmHarness _h = null!;

    public async Task InitializeAsync() => _h = await AlarmHarness.StartAsync();

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    private static IEnumerable<ExecuteAction> Buttons(BotReply reply) => reply.Card.Actions?.OfType<ExecuteAction>() ?? [];

    [Fact]
    public async Task The_seed_examples_reach_exactly_the_mapped_channels_once_each()
    {
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", LampSlack);
        await _h.MapFamilyAsync("1", FamilySlack, FamilyTeams);
        _h.Tencent.AddSeedExamples();

        await _h.PollAsync();
        await _h.Slack.WaitForAsync(s => s.Posts.Count >= 3);
        await _h.Teams.WaitForAsync(s => s.Posts.Count >= 3);

        // Family 1 → both family channels, oldest first (201 was sent before 200).
        Assert.Equal(["成员删除结果通知", "成员添加结果通知"], _h.Slack.Posts.Where(p => p.ChannelKey == FamilySlack).Select(p => TitleOf(p.Reply)));
        Assert.Equal(["成员删除结果通知", "成员添加结果通知"], _h.Teams.Posts.Where(p => p.ChannelKey == FamilyTeams).Select(p => TitleOf(p.Reply)));
        // The notice names 22F9Y6II7O/light1 = lamp01: the notification channel and lamp01's channel.
        var notice = Assert.Single(_h.Teams.Posts, p => p.ChannelKey == AlarmHarness.NoticeChannel);
        var lamp = Assert.Single(_h.Slack.Posts, p => p.ChannelKey == LampSlack);
        Assert.Equal("Notice: 设备分享结果通知", notice.Reply.Card.Body.OfType<Container>().First().Items.OfType<TextBlock>().First().Text);
        Assert.Contains(Buttons(lamp.Reply), b => b.Verb == CardVerbs.CallStart && b.Data.Id == "lamp01");
        Assert.Contains(Buttons(lamp.Reply), b => b.Verb == CardVerbs.AlarmAcknowledge && b.Data.Id == "65167339519217664");
        Assert.Contains(lamp.Reply.Card.Body.OfType<FactSet>().Single().Facts, f => f.Value == "Lamp (lamp01)");
        Assert.Contains(lamp.Reply.Card.Body.OfType<FactSet>().Single().Facts, f => f.Value == "2019-11-27 19:51:44 (UTC+08:00)");   // Asia/Shanghai
        // Family cards name no device: no Call button.
        Assert.All(_h.Slack.Posts.Where(p => p.ChannelKey == FamilySlack), p => Assert.DoesNotContain(Buttons(p.Reply), b => b.Verb == CardVerbs.CallStart));

        // The device warning names no device: kept and listed, not posted.
        var unroutable = await _h.AdminGetAsync("/admin/alarms/unroutable");
        Assert.Equal("65167410520395776", Assert.Single(unroutable.EnumerateArray()).GetProperty("id").GetString());

        // Polling again takes nothing twice, at one call per category.
        var before = TencentCategory.All.Select(c => _h.Tencent.Calls("AppGetMessages", c)).ToArray();
        await _h.PollAsync();
        await _h.PollAsync();
        Assert.Equal(before.Select(n => n + 2), TencentCategory.All.Select(c => _h.Tencent.Calls("AppGetMessages", c)));
        Assert.Equal(3, _h.Slack.Posts.Count);
        Assert.Equal(3, _h.Teams.Posts.Count);
        var deliveries = await _h.WaitForDeliveriesAsync(all => all.All(d => d.State == "Posted"));
        Assert.Equal(6, deliveries.Count);

        var cursors = await _h.AdminGetAsync("/admin/alarms/cursors");
        // One cursor per category, each at the newest message of its category (Tencent's cursor text is MsgTimestamp:MsgID).
        Assert.Equal(["tencent/1", "tencent/2", "tencent/3"], cursors.EnumerateArray().Select(c => c.GetProperty("source").GetString()));
        Assert.Equal(["65167410520395776", "65167395785805824", "65167339519217664"],
            cursors.EnumerateArray().Select(c => TencentPosition.FromCursor(c.GetProperty("cursor").GetString())?.MsgId));
    }

    [Fact]
    public async Task A_device_warning_looks_different_from_a_family_notice()
    {
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", LampSlack);
        await _h.MapFamilyAsync("1", LampSlack);
        _h.Tencent.AddMessage(TencentCategory.Device, "Over temperature", "92 °C", "22F9Y6II7O", "light1", "light1");
        _h.Tencent.AddMessage(TencentCategory.Family, "Member added", "x", familyId: "1", familyName: "home");

        await _h.PollAsync();
        await _h.Slack.WaitForAsync(s => s.Posts.Count >= 2);

        var warning = _h.Slack.Posts.Single(p => p.Reply.Text.StartsWith("Device alarm: Over temperature", StringComparison.Ordinal));
        var family = _h.Slack.Posts.Single(p => p.Reply.Text.StartsWith("Family notice: Member added", StringComparison.Ordinal));
        Assert.Equal(ContainerStyles.Attention, warning.Reply.Card.Body.OfType<Container>().First().Style);
        Assert.Equal(ContainerStyles.Accent, family.Reply.Card.Body.OfType<Container>().First().Style);
        Assert.Contains(warning.Reply.Card.Body.OfType<FactSet>().Single().Facts, f => f is { Title: "Severity", Value: "Warning" });
        Assert.Contains(family.Reply.Card.Body.OfType<FactSet>().Single().Facts, f => f is { Title: "Severity", Value: "Information" });
    }

    [Fact]
    public async Task A_backlog_larger_than_a_page_is_taken_completely_page_by_page_each_page_in_order()
    {
        // The other envelope, as Tencent's app clients read it, with Listover as a string.
        _h.Tencent.Envelope = TencentEnvelope.AppClient;
        _h.Tencent.ListoverAsString = true;
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", LampSlack);
        for (var i = 0; i < 250; i++)
        {
            _h.Tencent.AddMessage(TencentCategory.Device, $"alarm {i:000}", "x", "22F9Y6II7O", "light1");
            _h.Time.Advance(TimeSpan.FromMilliseconds(10));
        }
        var calls = _h.Tencent.Calls("AppGetMessages", 1);

        await _h.PollAsync();
        await _h.Slack.WaitForAsync(s => s.Posts.Count >= 250, TimeSpan.FromSeconds(60));

        Assert.Equal(3, _h.Tencent.Calls("AppGetMessages", 1) - calls);   // 100 + 100 + 50
        // Each page is stored as it is read and the list pages back from the newest: the newest page goes first,
        // every page oldest first.
        Assert.Equal(PageByPage250, _h.Slack.Posts.Select(p => TitleOf(p.Reply)));
    }

    [Fact]
    public async Task A_bot_stopped_after_two_pages_of_a_backlog_resumes_below_them_with_nothing_lost_or_posted_twice()
    {
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", LampSlack);
        var added = Enumerable.Range(0, 500).Select(i => _h.Tencent.AddMessage(TencentCategory.Device, $"alarm {i:000}", "x", "22F9Y6II7O", "light1")).ToList();
        _h.Tencent.FailLater(2, new TencentFault.Malformed());   // the third page of category 1

        await _h.PollAsync();
        await _h.Slack.WaitForAsync(s => s.Posts.Count >= 200, TimeSpan.FromSeconds(60));
        var cursors = await _h.AdminGetAsync("/admin/alarms/cursors");
        var cursor = cursors.EnumerateArray().Single(c => c.GetProperty("source").GetString() == "tencent/1").GetProperty("cursor").GetString();
        Assert.Equal(new TencentGap(null, added[300].Position), TencentCursor.Parse(cursor).Gap);

        var beforeStop = _h.Slack;
        await _h.RestartBotAsync();
        await _h.PollAsync();
        await _h.Slack.WaitForAsync(s => beforeStop.Posts.Count + s.Posts.Count >= 500, TimeSpan.FromSeconds(60));

        var titles = beforeStop.Posts.Concat(_h.Slack.Posts).Select(p => TitleOf(p.Reply)).ToList();
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"alarm {i:000}"), titles.Order(StringComparer.Ordinal));
    }

    /// <summary>250 alarms as a backlog delivers them: each page as it is read (the newest first), oldest first within it.</summary>
    private static IEnumerable<string> PageByPage250 =>
        new[] { Enumerable.Range(150, 100), Enumerable.Range(50, 100), Enumerable.Range(0, 50) }.SelectMany(r => r).Select(i => $"alarm {i:000}");

    [Fact]
    public async Task Token_expiry_in_the_middle_of_a_backlog_recovers_without_a_gap()
    {
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", LampSlack);
        for (var i = 0; i < 250; i++) _h.Tencent.AddMessage(TencentCategory.Device, $"alarm {i:000}", "x", "22F9Y6II7O", "light1");
        var signIns = _h.Tencent.SignIns;
        _h.Tencent.FailLater(1, new TencentFault.TokenExpired());   // the second page of category 1

        await _h.PollAsync();
        await _h.Slack.WaitForAsync(s => s.Posts.Count >= 250, TimeSpan.FromSeconds(60));

        Assert.Equal(signIns + 1, _h.Tencent.SignIns);
        Assert.Equal(PageByPage250, _h.Slack.Posts.Select(p => TitleOf(p.Reply)));
        var ready = await _h.Bot.Admin.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.True(Tencent(ready).GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public async Task Faults_never_stop_the_poller_and_show_in_readyz()
    {
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", LampSlack);
        _h.Tencent.AddMessage(TencentCategory.Device, "first", "x", "22F9Y6II7O", "light1");
        await _h.PollAsync();
        await _h.Slack.WaitForAsync(s => s.Posts.Count >= 1);

        TencentFault[] faults = [new TencentFault.ServerError(503), new TencentFault.Slow(TimeSpan.FromSeconds(7)), new TencentFault.Malformed(), new TencentFault.InternalError(), new TencentFault.TokenExpired()];
        foreach (var fault in faults)
        {
            // One slow answer is enough (each would cost a real timeout); the others fail every request.
            if (fault is TencentFault.Slow) _h.Tencent.FailNext(fault);
            else _h.Tencent.FailAlways(fault);
            await _h.PollAsync(TimeSpan.FromMinutes(5));
            var ready = await _h.Bot.Admin.GetFromJsonAsync<JsonElement>("/readyz");
            Assert.Equal("degraded", ready.GetProperty("status").GetString());
            Assert.False(Tencent(ready).GetProperty("healthy").GetBoolean(), fault.ToString());
            _h.Tencent.FailAlways(null);
        }
        _h.Tencent.FailAlways(null);
        _h.Tencent.AddMessage(TencentCategory.Device, "second", "x", "22F9Y6II7O", "light1");

        await _h.PollAsync(TimeSpan.FromMinutes(5));
        await _h.Slack.WaitForAsync(s => s.Posts.Count >= 2);

        Assert.Equal(["first", "second"], _h.Slack.Posts.Select(p => TitleOf(p.Reply)));
        var after = await _h.Bot.Admin.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.True(Tencent(after).GetProperty("healthy").GetBoolean());
        var poller = await _h.AdminGetAsync("/admin/alarms/poller");
        Assert.Equal(JsonValueKind.Null, poller.GetProperty("lastError").ValueKind);
    }

    [Fact]
    public async Task Transient_post_failures_are_retried_and_permanent_ones_marked_with_the_reason()
    {
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", LampSlack, "teams:19:gone@thread.tacv2");
        _h.Slack.AnswerNext(new PostOutcome.Transient("rate limited", TimeSpan.FromSeconds(30)));
        _h.Teams.AnswerNext(new PostOutcome.Permanent("the bot was removed from the conversation"));
        var message = _h.Tencent.AddMessage(TencentCategory.Device, "Door open", "x", "22F9Y6II7O", "light1");

        await _h.PollAsync();
        await _h.Slack.WaitForAsync(s => s.Attempts >= 1);
        await _h.Teams.WaitForAsync(s => s.Attempts >= 1);
        Assert.Empty(_h.Slack.Posts);
        // Channels are served in parallel: the retry is stored just after the surface answered; only then move the clock.
        var store = _h.Bot.Get<IAlarmQueries>();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!(await store.DeliveriesOfAsync(message.MsgId)).Any(d => d.ChannelKey == LampSlack && d.Attempts >= 1))
        {
            Assert.True(DateTime.UtcNow < until, "the Slack retry was never recorded");
            await Task.Delay(10);
        }

        // Past Retry-After. The dispatcher may be between storing the retry and arming its timer on the fake clock,
        // so the clock keeps moving (a second at a time) until the card is posted; nothing may be posted before 30 s.
        _h.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(_h.Slack.Posts);
        var posting = DateTime.UtcNow.AddSeconds(30);
        while (_h.Slack.Posts.Count == 0)
        {
            Assert.True(DateTime.UtcNow < posting, "the Slack retry was never posted");
            _h.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
        await _h.WaitForDeliveriesAsync(all => all.Any(d => d is { Channel: LampSlack, State: "Posted" }));

        var alarm = await _h.AdminGetAsync($"/admin/alarms/{message.MsgId}");
        var deliveries = alarm.GetProperty("deliveries").EnumerateArray().ToDictionary(d => d.GetProperty("channelKey").GetString()!);
        Assert.Equal("Posted", deliveries[LampSlack].GetProperty("state").GetString());
        Assert.Equal("slack-msg-1", deliveries[LampSlack].GetProperty("messageRef").GetString());
        Assert.Equal("Failed", deliveries["teams:19:gone@thread.tacv2"].GetProperty("state").GetString());
        Assert.Equal("the bot was removed from the conversation", deliveries["teams:19:gone@thread.tacv2"].GetProperty("lastError").GetString());
        Assert.Empty(_h.Teams.Posts);
    }

    [Fact]
    public async Task Family_mappings_are_validated_and_listed()
    {
        var bad = await _h.Bot.Admin.PostAsJsonAsync("/admin/family-mappings", new { channel = "irc:#x", familyId = "1" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("channel", await bad.Content.ReadAsStringAsync());
        var missing = await _h.Bot.Admin.PostAsJsonAsync("/admin/family-mappings", new { channel = "slack:C1" });
        Assert.Contains("familyId", await missing.Content.ReadAsStringAsync());
        var unauthorized = await _h.Bot.Client.PostAsJsonAsync("/admin/family-mappings", new { channel = "slack:C1", familyId = "1" });
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unauthorized.StatusCode);

        Assert.Equal(System.Net.HttpStatusCode.Created, (await _h.Bot.Admin.PostAsJsonAsync("/admin/family-mappings", new { channel = "slack:C1", familyId = "1" })).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _h.Bot.Admin.PostAsJsonAsync("/admin/family-mappings", new { channel = "slack:C1", familyId = "1" })).StatusCode);
        Assert.Single((await _h.AdminGetAsync("/admin/family-mappings")).EnumerateArray());
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await _h.Bot.Admin.DeleteAsync("/admin/family-mappings?channel=slack:C1&familyId=1")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _h.Bot.Admin.DeleteAsync("/admin/family-mappings?channel=slack:C1&familyId=1")).StatusCode);
        Assert.Empty((await _h.AdminGetAsync("/admin/family-mappings")).EnumerateArray());
    }

    private static JsonElement Tencent(JsonElement ready) =>
        ready.GetProperty("integrations").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "tencent");

    /// <summary>The Tencent title inside the card's heading ("Device alarm: X" → X).</summary>
    public static string TitleOf(BotReply reply)
    {
        var heading = reply.Card.Body.OfType<Container>().First().Items.OfType<TextBlock>().First().Text;
        var colon = heading.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? heading : heading[(colon + 2)..];
    }
}
