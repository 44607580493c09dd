using Bot.Core;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Slack;
using Bot.TencentIot;

namespace Bot.Host.Tests.Alarms;

/// <summary>The alarm's log in each card's thread, and <c>Alarms:ThreadLog</c> switching it off.</summary>
public sealed class ThreadLogTests
{
    private const string LampSlack = "slack:C-LAMP";
    private const string LampTeams = "teams:19:lamp@thread.tacv2";
    private static readonly ChatContext Zhang = new(new ChatUser(SlackPlatform.Name, "U-ZHANG", "张三"),
        new Channel { Platform = SlackPlatform.Name, ExternalId = "C-LAMP" }, "en-US", IsAdmin: false);

    private static async Task<(AlarmHarness, string AlarmId)> PostedAlarmAsync(Dictionary<string, string?>? settings = null)
    {
        var h = await AlarmHarness.StartAsync(settings);
        await h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", LampSlack, LampTeams);
        var id = h.Tencent.AddMessage(TencentCategory.Device, "Over temperature", "92 °C", "22F9Y6II7O", "light1").MsgId;
        await h.PollAsync();
        await h.WaitForDeliveriesAsync(all => all.Count == 2 && all.All(d => d.State == "Posted"));
        return (h, id);
    }

    [Fact]
    public async Task Each_change_is_a_line_in_every_copy_s_thread_at_the_bot_s_time_of_day_the_answered_copy_s_too()
    {
        var (h, id) = await PostedAlarmAsync();
        await using var _ = h;
        var slackCard = h.Slack.Posts.Single().MessageRef;

        // As Slack's click on the channel message: its answer rewrites that copy, whose thread still gets the line.
        await h.Bot.Get<ChatRequests>().HandleActionAsync(new CardClick(Zhang, CardVerbs.AlarmAcknowledge, id, slackCard), default);
        await h.Slack.WaitForAsync(s => s.ThreadLines.Count >= 1);
        await h.Teams.WaitForAsync(t => t.ThreadLines.Count >= 1 && t.Edits.Count >= 1);
        await h.Bot.Get<ChatRequests>().HandleActionAsync(Zhang, CardVerbs.AlarmResolve, id, default);
        await h.Slack.WaitForAsync(s => s.ThreadLines.Count >= 2);
        await h.Teams.WaitForAsync(t => t.ThreadLines.Count >= 2);

        // 08:00Z plus a poll, in Asia/Shanghai.
        Assert.Equal([(LampSlack, slackCard, "张三 acknowledged · 16:00"), (LampSlack, slackCard, "张三 resolved · 16:00")], h.Slack.ThreadLines);
        Assert.Equal(["张三 acknowledged · 16:00", "张三 resolved · 16:00"], h.Teams.ThreadLines.Select(l => l.Text));
        Assert.All(h.Teams.ThreadLines, l => Assert.Equal(h.Teams.Posts.Single().MessageRef, l.MessageRef));
        Assert.Single(h.Slack.Edits);   // only the resolve: the acknowledged copy was the click's answer
        await h.WaitForDeliveriesAsync(all => all.Count == 2);
        var alarm = await h.AdminGetAsync($"/admin/alarms/{id}");
        Assert.All(alarm.GetProperty("deliveries").EnumerateArray(), d => Assert.False(d.GetProperty("needsRefresh").GetBoolean()));
    }

    [Fact]
    public async Task With_the_thread_log_off_the_copies_are_edited_and_the_threads_stay_quiet()
    {
        var (h, id) = await PostedAlarmAsync(new Dictionary<string, string?> { ["Alarms:ThreadLog"] = "false" });
        await using var _ = h;

        await h.Bot.Get<ChatRequests>().HandleActionAsync(Zhang, CardVerbs.AlarmAcknowledge, id, default);
        await h.Slack.WaitForAsync(s => s.Edits.Count >= 1);
        await h.Teams.WaitForAsync(t => t.Edits.Count >= 1);
        await h.Bot.Get<ChatRequests>().HandleActionAsync(Zhang, CardVerbs.AlarmResolve, id, default);
        await h.Slack.WaitForAsync(s => s.Edits.Count >= 2);
        await h.Teams.WaitForAsync(t => t.Edits.Count >= 2);

        Assert.Empty(h.Slack.ThreadLines);
        Assert.Empty(h.Teams.ThreadLines);
        Assert.Contains("Resolved by 张三", h.Teams.Edits[^1].Reply.Text);
    }
}
